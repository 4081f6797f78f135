package dev.bulwark.guards.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The verdict on a phone candidate: 2 when libphonenumber's {@code parse} then {@code isValidNumber} accept it for
 * some configured region, 1 when only {@code isPossibleNumber} does, 0 otherwise. Candidates of digits and the
 * separators {@code +-.()} and space, maybe followed by an "x" or "ext" extension, skip the library's generic
 * parsing, whose cost is in the many patterns it runs for letters, extensions and RFC 3966 forms: the digits are
 * gathered once and the region-dependent steps of {@code parse} are restated with {@link PhonePlan}, in the
 * library's order, with its metadata patterns run as {@link DigitPattern} automata. Other candidates (unusual white
 * space, other letters) are parsed by the library itself. No verdict is kept from one candidate to the next.
 */
final class PhoneVerdicts {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final String NON_GEOGRAPHICAL = "001";
    private static final int MIN_NATIONAL = 2;
    private static final int MAX_NATIONAL = 17;
    private static final int MAX_INPUT = 250;
    private static final boolean[] KNOWN_CODES = new boolean[1000];
    /** The plans of each calling code, main region first as the library orders them, compiled when first needed. */
    private static final AtomicReferenceArray<PhonePlan[]> PLANS = new AtomicReferenceArray<>(1000);

    static {
        for (int code : UTIL.getSupportedCallingCodes()) {
            KNOWN_CODES[code] = true;
        }
    }

    private final List<String> regions;
    /** The plans of the configured regions the library knows; the others accept no number without "+". */
    private final PhonePlan[] regionPlans;

    PhoneVerdicts(List<String> regions) {
        this.regions = List.copyOf(regions);
        List<PhonePlan> known = new ArrayList<>();
        for (String r : this.regions) {
            if (UTIL.getSupportedRegions().contains(r)) {
                int code = UTIL.getCountryCodeForRegion(r);
                known.add(plans(code)[UTIL.getRegionCodesForCountryCode(code).indexOf(r)]);
            }
        }
        // The verdict is the best over all regions, so the order only decides how soon a valid one ends the search:
        // regions with a calling code of their own go first, as validity under a shared code (+1: 25 regions) may
        // test each sharing region.
        known.sort(Comparator.comparingInt(p -> UTIL.getRegionCodesForCountryCode(p.countryCode).size()));
        this.regionPlans = known.toArray(PhonePlan[]::new);
    }

    /** 2 when valid in some region, 1 when only possible, 0 when neither. */
    int verdict(String candidate) {
        // The library refuses input longer than 250 characters; "00" is read as the one character "+".
        if (candidate.length() > (candidate.startsWith("00") ? MAX_INPUT + 1 : MAX_INPUT)) {
            return 0;
        }
        String number = plain(candidate) ? candidate : withoutExtension(candidate);
        if (number == null) {
            return libraryVerdict(candidate);
        }
        // International forms are read without a region, as the library reads "+" with the unknown region "ZZ".
        if (number.startsWith("+")) {
            return international(digits(number, 1));
        }
        if (number.startsWith("00")) {
            return international(digits(number, 2));
        }
        String digits = digits(number, 0);
        int best = 0;
        for (PhonePlan plan : regionPlans) {
            best = Math.max(best, national(digits, plan));
            if (best == 2) {
                return 2;
            }
        }
        return best;
    }

    /**
     * Whether the library would read the candidate as its digits alone: at least three digits (fewer is "not a
     * number"), nothing but digits and the separators {@code -.()} and space (no letters, no other white space), and
     * "+" only first.
     */
    private static boolean plain(String candidate) {
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ("-.() ".indexOf(c) < 0 && (c != '+' || i > 0)) {
                return false;
            }
        }
        return digits >= 3;
    }

    /**
     * The number before an extension the library strips (one space or tab, "x", "ext" or "ext.", one space or tab,
     * up to nine digits) when that number is plain, else null. A plain number before it is viable, so the library's
     * extension pattern takes the extension from its first separator on, and the number's digits alone remain.
     */
    private static String withoutExtension(String candidate) {
        int end = candidate.length();
        int digitsFrom = end;
        while (digitsFrom > 0 && candidate.charAt(digitsFrom - 1) >= '0' && candidate.charAt(digitsFrom - 1) <= '9') {
            digitsFrom--;
        }
        if (digitsFrom == end || end - digitsFrom > 9) {
            return null;
        }
        int at = spaceOrTabBefore(candidate, digitsFrom);
        if (candidate.startsWith("ext.", at - 4)) {
            at -= 4;
        } else if (candidate.startsWith("ext", at - 3)) {
            at -= 3;
        } else if (candidate.startsWith("x", at - 1)) {
            at -= 1;
        } else {
            return null;
        }
        String number = candidate.substring(0, spaceOrTabBefore(candidate, at));
        return plain(number) ? number : null;
    }

    private static int spaceOrTabBefore(String s, int at) {
        return at > 0 && (s.charAt(at - 1) == ' ' || s.charAt(at - 1) == '\t') ? at - 1 : at;
    }

    private static String digits(String candidate, int from) {
        StringBuilder b = new StringBuilder(candidate.length() - from);
        for (int i = from; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Digits after "+": a known calling code must start them. */
    private static int international(String digits) {
        if (digits.length() <= MIN_NATIONAL) {
            return 0;
        }
        int code = callingCode(digits);
        if (code == 0) {
            return 0;
        }
        PhonePlan main = plans(code)[0];
        return judge(code, main, digits.substring(main.countryCodeDigits.length()));
    }

    /** {@code parse(digits, region)}: the region's international prefix, then its own calling code, may lead. */
    private static int national(String digits, PhonePlan region) {
        int prefix = region.internationalPrefixLength(digits);
        if (prefix >= 0) {
            return international(digits.substring(prefix));
        }
        String code = region.countryCodeDigits;
        if (digits.startsWith(code)) {
            // The calling code is taken as such when the number only fits the plan without it, or is too long.
            String rest = region.stripNationalPrefix(digits.substring(code.length()));
            if (!region.generalPatternMatches(digits) && region.generalPatternMatches(rest)
                    || region.testLength(digits.length()) == ValidationResult.TOO_LONG) {
                return judge(region.countryCode, plans(region.countryCode)[0], rest);
            }
        }
        return judge(region.countryCode, region, digits);
    }

    /**
     * The end of {@code parse} (the national prefix is dropped when what remains still has a possible length), then
     * {@code isPossibleNumber} and {@code isValidNumber} on the result.
     */
    private static int judge(int code, PhonePlan parsing, String national) {
        if (national.length() < MIN_NATIONAL) {
            return 0;
        }
        String stripped = parsing.stripNationalPrefix(national);
        ValidationResult length = parsing.testLength(stripped.length());
        String number = length == ValidationResult.TOO_SHORT || length == ValidationResult.IS_POSSIBLE_LOCAL_ONLY
                || length == ValidationResult.INVALID_LENGTH ? national : stripped;
        if (number.length() < MIN_NATIONAL || number.length() > MAX_NATIONAL) {
            return 0;
        }
        PhonePlan[] plans = plans(code);
        ValidationResult possible = plans[0].testLength(number.length());
        if (possible != ValidationResult.IS_POSSIBLE && possible != ValidationResult.IS_POSSIBLE_LOCAL_ONLY) {
            return 0;
        }
        return valid(plans, number) ? 2 : 1;
    }

    /**
     * {@code isValidNumber}: among regions sharing the calling code, the first whose leading digits start the number
     * (or, for a region without leading digits, for which it has a known type) decides.
     */
    private static boolean valid(PhonePlan[] plans, String number) {
        if (plans.length == 1) {
            return plans[0].hasKnownType(number);
        }
        for (PhonePlan p : plans) {
            if (p.hasLeadingDigits()) {
                if (p.leadingDigitsMatch(number)) {
                    return p.hasKnownType(number);
                }
            } else if (p.hasKnownType(number)) {
                return true;
            }
        }
        return false;
    }

    /** {@code extractCountryCode}: the shortest known calling code of up to three digits, 0 when none. */
    private static int callingCode(String digits) {
        if (digits.charAt(0) == '0') {
            return 0;
        }
        int code = 0;
        for (int i = 0; i < 3 && i < digits.length(); i++) {
            code = code * 10 + digits.charAt(i) - '0';
            if (KNOWN_CODES[code]) {
                return code;
            }
        }
        return 0;
    }

    private static PhonePlan[] plans(int code) {
        PhonePlan[] plans = PLANS.get(code);
        if (plans == null) {
            List<String> regionCodes = UTIL.getRegionCodesForCountryCode(code);
            plans = new PhonePlan[regionCodes.size()];
            for (int i = 0; i < plans.length; i++) {
                String r = regionCodes.get(i);
                plans[i] = new PhonePlan(NON_GEOGRAPHICAL.equals(r)
                        ? METADATA.getMetadataForNonGeographicalRegion(code) : METADATA.getMetadataForRegion(r));
            }
            // Two threads may both compile a calling code's plans; either copy serves.
            PLANS.set(code, plans);
        }
        return plans;
    }

    /** The library's own parsing, for candidates with an extension or unusual white space. */
    private int libraryVerdict(String candidate) {
        if (candidate.startsWith("+") || candidate.startsWith("00")) {
            return libraryJudge(candidate.startsWith("00") ? "+" + candidate.substring(2) : candidate, "ZZ");
        }
        int best = 0;
        for (String region : regions) {
            best = Math.max(best, libraryJudge(candidate, region));
            if (best == 2) {
                return 2;
            }
        }
        return best;
    }

    private static int libraryJudge(String candidate, String region) {
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(candidate, region);
            if (!UTIL.isPossibleNumber(n)) {
                return 0;
            }
            return UTIL.isValidNumber(n) ? 2 : 1;
        } catch (NumberParseException e) {
            return 0;
        }
    }
}
