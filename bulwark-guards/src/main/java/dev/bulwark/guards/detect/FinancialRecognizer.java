package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payment cards (Luhn), IBANs (mod-97 and registered length) and US social security numbers (allocation rules). */
final class FinancialRecognizer implements Recognizer {
    private static final Pattern CARD = Pattern.compile("(?<![\\d.,+-])\\d(?:[ -]?+\\d){11,18}+(?![\\d]|[.,-]\\d)");
    private static final Pattern CARD_CONTEXT = Context.words("card", "credit", "debit", "visa", "mastercard",
            "amex", "american express", "discover", "maestro", "jcb", "diners", "cc", "pan", "payment", "charge");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}(?![\\p{L}\\p{N}])");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})([- .]?)(\\d{2})\\2(\\d{4})(?![\\d]|-\\d)");
    private static final Pattern SSN_CONTEXT = Context.words("ssn", "ssns", "social security", "social",
            "security number", "ss#", "ssid", "taxpayer", "tin");

    @Override
    public void recognize(String text, Candidates out) {
        if (!Digits.any(text)) {
            return;
        }
        cards(text, out);
        ibans(text, out);
        ssns(text, out);
    }

    private static void cards(String text, Candidates out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = Checksums.digitsOf(m.group());
            if (!Checksums.luhn(digits) || digits.chars().distinct().count() < 2) {
                continue;
            }
            boolean context = Context.before(text, m.start(), 40, CARD_CONTEXT);
            double score = digits.length() >= 13 ? 0.8 : 0.5;
            if (context) {
                score += 0.15;
            }
            out.add("CREDIT_CARD", m.start(), m.end(), score, "credit-card");
        }
    }

    private static void ibans(String text, Candidates out) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
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
    }

    private static void ssns(String text, Candidates out) {
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            if (!Checksums.ssn(m.group(1), m.group(3), m.group(4))) {
                continue;
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
}
