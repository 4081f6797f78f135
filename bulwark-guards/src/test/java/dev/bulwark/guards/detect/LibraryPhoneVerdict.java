package dev.bulwark.guards.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;

/**
 * The reference for {@link PhoneVerdicts}: the verdict as {@code PhoneRecognizer} computed it before, with the
 * library's {@code parse}, {@code isPossibleNumber} and {@code isValidNumber} once per configured region.
 */
final class LibraryPhoneVerdict {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    LibraryPhoneVerdict(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /** 2 when valid in some region, 1 when only possible, 0 when neither. */
    int verdict(String candidate) {
        if (candidate.startsWith("+") || candidate.startsWith("00")) {
            String intl = candidate.startsWith("00") ? "+" + candidate.substring(2) : candidate;
            return judge(intl, "ZZ");
        }
        int best = 0;
        for (String region : regions) {
            best = Math.max(best, judge(candidate, region));
        }
        return best;
    }

    private static int judge(String candidate, String region) {
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
