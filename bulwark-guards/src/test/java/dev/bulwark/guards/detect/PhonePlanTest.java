package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhonePlanTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static PhonePlan plan(String region) {
        return new PhonePlan(DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(region));
    }

    @Test
    void lengthTestAgreesWithTheLibrarysPossibleNumberReason() {
        for (String region : List.of("US", "GB", "DE", "FR", "IN", "BR", "IT", "AR", "SH")) {
            PhonePlan plan = plan(region);
            for (int length = 1; length <= 17; length++) {
                PhoneNumber n = new PhoneNumber().setCountryCode(plan.countryCode)
                        .setNationalNumber(Long.parseLong("2" + "3".repeat(length - 1)));
                assertThat(plan.testLength(length)).as(region + " " + length)
                        .isEqualTo(UTIL.isPossibleNumberWithReason(n));
            }
        }
    }

    @Test
    void internationalPrefixIsTakenUnlessAZeroFollows() {
        assertThat(plan("US").internationalPrefixLength("011442079460958")).isEqualTo(3);
        assertThat(plan("US").internationalPrefixLength("0110442079460958")).isEqualTo(-1);
        assertThat(plan("GB").internationalPrefixLength("0012025550123")).isEqualTo(2);
        assertThat(plan("GB").internationalPrefixLength("2079460958")).isEqualTo(-1);
        assertThat(plan("BR").internationalPrefixLength("0014442079460958")).isEqualTo(4);
        assertThat(plan("BR").internationalPrefixLength("0016442079460958")).isEqualTo(-1);
        assertThat(plan("US").internationalPrefixLength("")).isEqualTo(-1);
    }

    @Test
    void nationalPrefixIsDroppedOnlyWhenTheRestStillFitsThePlan() {
        assertThat(plan("GB").stripNationalPrefix("02079460958")).isEqualTo("2079460958");
        assertThat(plan("US").stripNationalPrefix("12025550123")).isEqualTo("2025550123");
        assertThat(plan("GB").stripNationalPrefix("2079460958")).isEqualTo("2079460958");
        assertThat(plan("GB").stripNationalPrefix("")).isEmpty();
        // Argentina's prefix rule rewrites "0 11 15 ..." mobile numbers as "9 11 ...".
        assertThat(plan("AR").stripNationalPrefix("0111523456789")).isEqualTo("91123456789");
    }

    @Test
    void exampleNumbersHaveAKnownTypeAndGarbageHasNone() {
        for (String region : List.of("US", "GB", "DE", "FR", "IN", "BR")) {
            PhonePlan plan = plan(region);
            for (var type : UTIL.getSupportedTypesForRegion(region)) {
                PhoneNumber n = UTIL.getExampleNumberForType(region, type);
                assertThat(plan.hasKnownType(UTIL.getNationalSignificantNumber(n))).as(region + " " + type).isTrue();
            }
            assertThat(plan.hasKnownType("0000")).isFalse();
            assertThat(plan.hasKnownType("")).isFalse();
        }
    }

    @Test
    void leadingDigitsPickARegionAmongThoseSharingACallingCode() {
        PhonePlan antigua = plan("AG");
        assertThat(antigua.hasLeadingDigits()).isTrue();
        assertThat(antigua.leadingDigitsMatch("2684601234")).isTrue();
        assertThat(antigua.leadingDigitsMatch("2024601234")).isFalse();
        assertThat(plan("US").hasLeadingDigits()).isFalse();
        assertThat(plan("US").generalPatternMatches("2025550123")).isTrue();
        assertThat(plan("US").testLength(10)).isEqualTo(ValidationResult.IS_POSSIBLE);
    }
}
