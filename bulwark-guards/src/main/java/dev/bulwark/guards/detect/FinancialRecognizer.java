package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payment cards (Luhn), IBANs (mod-97 and registered length) and US social security numbers (allocation rules). */
final class FinancialRecognizer implements Recognizer {
    static final Pattern CARD = Pattern.compile("(?<![\\d.,+-])\\d(?:[ -]?+\\d){11,18}+(?![\\d]|[.,-]\\d)");
    private static final Context.Words CARD_CONTEXT = Context.words("card", "credit", "debit", "visa", "mastercard",
            "amex", "american express", "discover", "maestro", "jcb", "diners", "cc", "pan", "payment", "charge");
    static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}(?![\\p{L}\\p{N}])");
    static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})([- .]?)(\\d{2})\\2(\\d{4})(?![\\d]|-\\d)");
    private static final Context.Words SSN_CONTEXT = Context.words("ssn", "ssns", "social security", "social",
            "security number", "ss#", "ssid", "taxpayer", "tin");

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (!shape.has(TextShape.DIGITS)) {
            return;
        }
        // A card has at least 12 digits and an SSN 9, all of them ASCII digits the shape counts.
        int digits = shape.digitCount();
        if (digits >= 12) {
            cards(shape, out);
        }
        ibans(shape, out);
        if (digits >= 9) {
            ssns(shape, out);
        }
    }

    private static void cards(TextShape shape, Candidates out) {
        String text = shape.text();
        Anchored.scan(CARD, shape, TextShape.DIGITS, i -> digitsAhead(text, i, 12), m -> card(text, m, out));
    }

    /** Whether the run of digits, spaces and hyphens at {@code i} holds at least {@code needed} digits. */
    private static boolean digitsAhead(String text, int i, int needed) {
        int digits = 0;
        for (int j = i; j < text.length() && digits < needed; j++) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != ' ' && c != '-') {
                break;
            }
        }
        return digits >= needed;
    }

    static void card(String text, Matcher m, Candidates out) {
        String digits = Checksums.digitsOf(m.group());
        if (!Checksums.luhn(digits) || !twoDifferent(digits)) {
            return;
        }
        boolean context = Context.before(text, m.start(), 40, CARD_CONTEXT);
        double score = digits.length() >= 13 ? 0.8 : 0.5;
        if (context) {
            score += 0.15;
        }
        out.add("CREDIT_CARD", m.start(), m.end(), score, "credit-card");
    }

    private static boolean twoDifferent(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IBAN starts two ASCII letters before its two check digits, which begin a run of digits (a letter precedes
     * them); so the pattern runs only two characters before digit runs of two or more that follow two letters.
     */
    private static void ibans(TextShape shape, Candidates out) {
        String text = shape.text();
        int[] starts = null;
        int n = 0;
        for (int d : shape.startsOf(TextShape.DIGITS)) {
            if (d >= 2 && asciiLetter(text.charAt(d - 2)) && asciiLetter(text.charAt(d - 1)) && shape.digitRun(d) >= 2) {
                if (starts == null) {
                    starts = new int[4];
                } else if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = d - 2;
            }
        }
        if (n > 0) {
            Anchored.scan(IBAN, shape, 0, java.util.Arrays.copyOf(starts, n), Anchored.ANYWHERE, m -> iban(m, out));
        }
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static void iban(Matcher m, Candidates out) {
        String raw = m.group();
        // The pattern may run into the next word; retry shorter prefixes ending at a character boundary.
        for (int end = raw.length(); end >= 15; end--) {
            if (raw.charAt(end - 1) == ' ') {
                continue;
            }
            if (Checksums.iban(raw.substring(0, end).replace(" ", ""))) {
                out.add("IBAN_CODE", m.start(), m.start() + end, 0.95, "iban");
                break;
            }
        }
    }

    private static void ssns(TextShape shape, Candidates out) {
        String text = shape.text();
        Anchored.scan(SSN, shape, TextShape.DIGITS, i -> ssnShaped(shape, i), m -> ssn(text, m, out));
    }

    /** Nine digits, or 3-2-4 digits with the same space, hyphen or dot twice: the shape {@link #SSN} needs. */
    private static boolean ssnShaped(TextShape shape, int i) {
        int run = shape.digitRun(i);
        if (run >= 9) {
            return true;
        }
        char sep = shape.at(i + 3);
        return run == 3 && (sep == '-' || sep == ' ' || sep == '.') && shape.digitRun(i + 4) == 2
                && shape.at(i + 6) == sep && shape.digitRun(i + 7) >= 4;
    }

    static void ssn(String text, Matcher m, Candidates out) {
        if (!Checksums.ssn(m.group(1), m.group(3), m.group(4))) {
            return;
        }
        boolean context = Context.before(text, m.start(), 50, SSN_CONTEXT);
        String sep = m.group(2);
        double score = sep.equals("-") ? 0.6 : sep.isEmpty() ? 0.2 : 0.35;
        if (context) {
            score += 0.35;
        }
        out.add("US_SSN", m.start(), m.end(), score, "us-ssn");
    }
}
