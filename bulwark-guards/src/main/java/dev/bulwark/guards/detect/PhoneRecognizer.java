package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers: a cheap shape ({@link PhoneShape}) proposes digit groups, libphonenumber's rules
 * ({@link PhoneVerdicts}) decide whether they are possible or valid numbers for the configured regions, and context
 * words ("phone", "call", "fax", ...) raise the score.
 */
final class PhoneRecognizer implements Recognizer {
    private static final Context.Words CONTEXT = Context.words("phone", "tel", "telephone", "call", "called", "calling",
            "mobile", "cell", "cellphone", "fax", "office", "desk", "home", "work", "contact", "reach", "text",
            "number", "landline", "whatsapp", "dial", "hotline", "ph", "mob", "num", "no");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
    private final PhoneVerdicts verdicts;

    PhoneRecognizer(List<String> regions) {
        this.verdicts = new PhoneVerdicts(regions);
    }

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        // Fewer than seven digits in the whole text never pass sevenDigitsAhead.
        if (shape.digitCount() < 7) {
            return;
        }
        // As Anchored.scan would run the shape: at each start of a digit run, "+" or "(", in text order, skipping
        // starts inside the previous match.
        int resume = 0;
        for (int k = 0; k < shape.count(); k++) {
            int i = shape.start(k);
            if ((shape.kind(k) & (TextShape.DIGITS | TextShape.SIGN)) == 0 || i < resume
                    || !sevenDigitsAhead(text, i)) {
                continue;
            }
            int end = PhoneShape.end(text, i);
            if (end >= 0) {
                resume = end;
                phone(text, i, end, out);
            }
        }
    }

    /**
     * Whether seven digits follow among characters a phone number can hold (digits, white space, {@code .-()+}, and
     * the letters of "x" and "ext"): fewer digits are never reported.
     */
    private static boolean sevenDigitsAhead(String text, int i) {
        int digits = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                if (++digits == 7) {
                    return true;
                }
            } else if (!Character.isWhitespace(c) && ".-()+xet".indexOf(c) < 0) {
                return false;
            }
        }
        return false;
    }

    private void phone(String text, int start, int end, Candidates out) {
        String candidate = text.substring(start, end);
        int digits = 0;
        for (int k = 0; k < candidate.length(); k++) {
            char c = candidate.charAt(k);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits < 7 || digits > 15 || DATE_LIKE.matcher(candidate).matches()) {
            return;
        }
        boolean grouped = digits != candidate.length();
        // The narrow window after the number is the cheaper test, so it goes first.
        boolean context = CONTEXT.after(text, end, 12) || CONTEXT.before(text, start, 40);
        if (!grouped && !context && !candidate.startsWith("+")) {
            return;
        }
        int verdict = verdicts.verdict(candidate);
        if (verdict == 0 && !(context && grouped)) {
            return;
        }
        // Unknown numbering plans still read as phone numbers when grouped like one and named as one.
        double score = verdict == 2 ? 0.6 : verdict == 1 ? 0.4 : 0.15;
        if (context) {
            score += 0.3;
        }
        out.add("PHONE_NUMBER", start, end, score, "phone");
    }
}
