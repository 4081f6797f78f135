package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payment cards (Luhn), IBANs (mod-97 and registered length) and US social security numbers (allocation rules). */
final class FinancialRecognizer implements Recognizer {
    private static final Context.Words CARD_CONTEXT = Context.words("card", "credit", "debit", "visa", "mastercard",
            "amex", "american express", "discover", "maestro", "jcb", "diners", "cc", "pan", "payment", "charge");
    static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}(?![\\p{L}\\p{N}])");
    private static final Context.Words SSN_CONTEXT = Context.words("ssn", "ssns", "social security", "social",
            "security number", "ss#", "ssid", "taxpayer", "tin");
    /** An SSN's score with SSN context; above every other recognizer's score for a run of nine digits. */
    static final double IN_CONTEXT = 0.95;

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

    /** Card shapes begin at a digit no digit precedes: the starts of digit runs, tried in order as find() would. */
    private static void cards(TextShape shape, Candidates out) {
        String text = shape.text();
        int resume = 0;
        for (int i : shape.startsOf(TextShape.DIGITS)) {
            int end = i < resume ? -1 : FinancialShapes.cardEnd(text, i);
            if (end >= 0) {
                resume = end;
                card(text, i, end, out);
            }
        }
    }

    static void card(String text, int start, int end, Candidates out) {
        // Digits glued to letters are part of a code ("JD0146000038284712", a tracking or order number).
        if (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            return;
        }
        String digits = Checksums.digitsOf(text.subSequence(start, end));
        if (!Checksums.luhn(digits) || !twoDifferent(digits)) {
            return;
        }
        boolean context = CARD_CONTEXT.before(text, start, 40);
        double score = digits.length() >= 13 ? 0.8 : 0.5;
        if (context) {
            score += 0.15;
        }
        out.add("CREDIT_CARD", start, end, score, "credit-card");
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

    /** SSN shapes begin at a digit no digit or hyphen precedes: the starts of digit runs, tried in order. */
    private static void ssns(TextShape shape, Candidates out) {
        String text = shape.text();
        int resume = 0;
        for (int i : shape.startsOf(TextShape.DIGITS)) {
            int end = i < resume ? -1 : FinancialShapes.ssnEnd(text, i);
            if (end >= 0) {
                resume = end;
                ssn(text, i, end, out);
            }
        }
    }

    /** An SSN shape {@code [start, end)}: area, then the separator if any, group, the separator again, serial. */
    static void ssn(String text, int start, int end, Candidates out) {
        int separator = end - start - 9;
        int group = start + 3 + (separator > 0 ? 1 : 0);
        if (!Checksums.ssn(text.substring(start, start + 3), text.substring(group, group + 2),
                text.substring(end - 4, end))) {
            return;
        }
        boolean context = SSN_CONTEXT.before(text, start, 50) || SSN_CONTEXT.after(text, end, 20);
        char sep = separator > 0 ? text.charAt(start + 3) : 0;
        // A valid SSN named as one is an SSN whatever else its digits could be: its score is above any phone
        // number's (at most 0.9), so overlap resolution keeps it.
        double score = context ? IN_CONTEXT : sep == '-' ? 0.6 : separator == 0 ? 0.2 : 0.35;
        out.add("US_SSN", start, end, score, "us-ssn");
    }
}
