package dev.bulwark.guards.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phone recognizer as it was before {@link PhoneVerdicts}, kept verbatim as the reference of the differential
 * tests. Phone numbers: a cheap shape pattern proposes digit groups, libphonenumber decides whether they are possible or
 * valid numbers for the configured regions, and context words ("phone", "call", "fax", ...) raise the score.
 */
final class LegacyPhoneRecognizer implements Recognizer {
    private static final Pattern SHAPE = Pattern.compile(
            "(?<![\\w+.:/-])(?:\\+\\d{1,3}[ .-]?+|00\\d{1,3}[ .-]?+|\\d{3}-)?(?:\\(\\d{1,5}\\)[ .-]?+)?\\d{1,5}"
                    + "(?:[ .-]\\d{1,5}){0,5}+(?:\\s?+(?:x|ext\\.?)\\s?+\\d{1,5})?(?![\\w]|[.-]\\d)");
    private static final Context.Words CONTEXT = Context.words("phone", "tel", "telephone", "call", "called", "calling",
            "mobile", "cell", "cellphone", "fax", "office", "desk", "home", "work", "contact", "reach", "text",
            "number", "landline", "whatsapp", "dial", "hotline", "ph", "mob", "num", "no");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    /** The configured regions, those whose calling code no other region shares first. */
    private final List<String> regions;

    /** {@link #regions} with regions whose national numbers never start with 0 (NANP) last. */
    private final List<String> zeroFirst;

    LegacyPhoneRecognizer(List<String> regions) {
        // A number not valid in a region whose calling code is shared (+1: 25 regions, +44: 4) costs a validity test
        // in each sharing region, so regions with a calling code of their own are tried first. The verdict is the
        // best over all regions whatever the order; the order only decides how soon a valid one ends the search.
        List<String> cheapFirst = new java.util.ArrayList<>(regions);
        cheapFirst.sort(java.util.Comparator.comparingInt(
                r -> util.getRegionCodesForCountryCode(util.getCountryCodeForRegion(r)).size()));
        this.regions = List.copyOf(cheapFirst);
        List<String> nanpLast = new java.util.ArrayList<>();
        for (String r : this.regions) {
            if (util.getCountryCodeForRegion(r) != 1) {
                nanpLast.add(r);
            }
        }
        for (String r : this.regions) {
            if (util.getCountryCodeForRegion(r) == 1) {
                nanpLast.add(r);
            }
        }
        this.zeroFirst = List.copyOf(nanpLast);
    }

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (!shape.has(TextShape.DIGITS)) {
            return;
        }
        Anchored.scan(SHAPE, shape, TextShape.DIGITS | TextShape.SIGN, i -> sevenDigitsAhead(text, i),
                m -> phone(text, m, out));
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

    private void phone(String text, Matcher m, Candidates out) {
        String candidate = m.group();
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
        boolean context = CONTEXT.before(text, m.start(), 40) || CONTEXT.after(text, m.end(), 12);
        if (!grouped && !context && !candidate.startsWith("+")) {
            return;
        }
        int verdict = verdict(candidate);
        if (verdict == 0 && !(context && grouped)) {
            return;
        }
        // Unknown numbering plans still read as phone numbers when grouped like one and named as one.
        double score = verdict == 2 ? 0.6 : verdict == 1 ? 0.4 : 0.15;
        if (context) {
            score += 0.3;
        }
        out.add("PHONE_NUMBER", m.start(), m.end(), score, "phone");
    }

    /** 2 when valid in some region, 1 when only possible, 0 when neither. */
    private int verdict(String candidate) {
        int best = 0;
        if (candidate.startsWith("+") || candidate.startsWith("00")) {
            String intl = candidate.startsWith("00") ? "+" + candidate.substring(2) : candidate;
            return judge(intl, "ZZ");
        }
        // The verdict is the best over all regions, so the order only decides how soon a valid one ends the search.
        for (String region : candidate.startsWith("0") ? zeroFirst : regions) {
            best = Math.max(best, judge(candidate, region));
            if (best == 2) {
                return 2;
            }
        }
        return best;
    }

    private int judge(String candidate, String region) {
        try {
            Phonenumber.PhoneNumber n = util.parse(candidate, region);
            // A valid number always has a possible length (its type's lengths are among the general ones), so the
            // cheap length test first spares the pattern matching of validation for the impossible ones.
            if (!util.isPossibleNumber(n)) {
                return 0;
            }
            return util.isValidNumber(n) ? 2 : 1;
        } catch (NumberParseException e) {
            return 0;
        }
    }
}
