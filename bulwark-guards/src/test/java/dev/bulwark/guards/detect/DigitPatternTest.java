package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigitPatternTest {

    @Test
    void matchesWholeDigitStringsOfTheLanguage() {
        DigitPattern p = DigitPattern.compileOrNull("(?:2[0-24-9]|3[2-9])\\d{6,7}|800\\d{3}");
        assertThat(p.matches("20123456")).isTrue();
        assertThat(p.matches("201234567")).isTrue();
        assertThat(p.matches("2012345678")).isFalse();
        assertThat(p.matches("23123456")).isFalse();
        assertThat(p.matches("800123")).isTrue();
        assertThat(p.matches("8001234")).isFalse();
        assertThat(p.matches("")).isFalse();
    }

    @Test
    void prefixMatchAcceptsAnyTextStartingWithTheLanguage() {
        DigitPattern p = DigitPattern.compileOrNull("268|7[2-4]");
        assertThat(p.matchesPrefix("2681234")).isTrue();
        assertThat(p.matchesPrefix("731")).isTrue();
        assertThat(p.matchesPrefix("26")).isFalse();
        assertThat(p.matchesPrefix("")).isFalse();
        assertThat(DigitPattern.compileOrNull("(?:1)?").matchesPrefix("")).isTrue();
    }

    @Test
    void prefixEndIsTheOnlyEndOfAPrefixFreeLanguage() {
        DigitPattern idd = DigitPattern.compileOrNull("00(?:1[245]|2[1-35]|31)");
        assertThat(idd.prefixFree()).isTrue();
        assertThat(idd.prefixEnd("0014123")).isEqualTo(4);
        assertThat(idd.prefixEnd("0016123")).isEqualTo(-1);
        assertThat(idd.prefixEnd("00")).isEqualTo(-1);
        assertThat(DigitPattern.compileOrNull("").prefixEnd("123")).isZero();
        assertThat(DigitPattern.compileOrNull("0|00").prefixFree()).isFalse();
        assertThat(DigitPattern.compileOrNull("1?").prefixFree()).isFalse();
    }

    @Test
    void optionalPartsAndBoundedRepeatsKeepTheirMeaning() {
        DigitPattern p = DigitPattern.compileOrNull("1(?:2[34])?5{2,3}");
        assertThat(List.of("155", "1555", "12355", "124555")).allMatch(p::matches);
        assertThat(List.of("15", "15555", "1255", "12555x")).noneMatch(p::matches);
    }

    @Test
    void syntaxBeyondDigitsIsRefused() {
        for (String regex : List.of("\\d+", "1*", "[^1]", "a", ".", "(?=1)1", "\\w", "1{2,}", "1??", "[1-]", "(1",
                "1)", "[]", "\\D", "1{3}+", "^1", "1$", "(?i)1")) {
            assertThat(DigitPattern.compileOrNull(regex)).as(regex).isNull();
        }
    }

    @Test
    void characterOtherThanAsciiDigitsNeverMatch() {
        DigitPattern p = DigitPattern.compileOrNull("\\d{3}");
        for (String s : List.of("１２３", "12\u0301", "12\uD83D", "\u200F12", "1ı2", "12 ", "\u0661\u0662\u0663")) {
            assertThat(p.matches(s)).as(s).isEqualTo(Pattern.compile("\\d{3}").matcher(s).matches());
            assertThat(p.matchesPrefix(s)).as(s).isEqualTo(Pattern.compile("\\d{3}").matcher(s).lookingAt());
        }
        assertThat(p.matches("9".repeat(100_000))).isFalse();
        assertThat(p.matchesPrefix("9".repeat(100_000))).isTrue();
    }

    @Test
    void everyMetadataPatternAgreesWithTheRegexOnGeneratedNumbers() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        var source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        List<PhoneMetadata> plans = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String region : new TreeSet<>(util.getSupportedRegions())) {
            plans.add(source.getMetadataForRegion(region));
            for (var type : util.getSupportedTypesForRegion(region)) {
                addNumber(util, numbers, util.getExampleNumberForType(region, type));
            }
        }
        for (int code : new TreeSet<>(util.getSupportedGlobalNetworkCallingCodes())) {
            plans.add(source.getMetadataForNonGeographicalRegion(code));
            addNumber(util, numbers, util.getExampleNumberForNonGeoEntity(code));
        }
        Random random = new Random(11);
        String[] prefixes = {"", "0", "00", "011", "1", "8", "810", "15", "0015", "90", "0021", "01", "9"};
        List<String> differences = new ArrayList<>();
        int compiled = 0;
        int matched = 0;
        for (PhoneMetadata m : plans) {
            List<String> regexes = new ArrayList<>();
            for (PhoneNumberDesc d : List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(),
                    m.getPremiumRate(), m.getSharedCost(), m.getVoip(), m.getPersonalNumber(), m.getPager(),
                    m.getUan(), m.getVoicemail())) {
                regexes.add(d.getNationalNumberPattern());
            }
            if (m.hasLeadingDigits()) {
                regexes.add(m.getLeadingDigits());
            }
            int numberPatterns = regexes.size();
            // Prefixes may use syntax beyond digits (such as "~"), and are then left to the regex.
            regexes.add(m.getInternationalPrefix());
            regexes.add(m.getNationalPrefixForParsing());
            for (int k = 0; k < regexes.size(); k++) {
                String regex = regexes.get(k);
                DigitPattern automaton = regex.isEmpty() && k < numberPatterns ? null
                        : DigitPattern.compileOrNull(regex);
                if (automaton == null) {
                    assertThat(k >= numberPatterns || regex.isEmpty()).as(regex).isTrue();
                    continue;
                }
                compiled++;
                Pattern pattern = Pattern.compile(regex);
                for (int i = 0; i < 40; i++) {
                    String s = (k >= numberPatterns ? prefixes[random.nextInt(prefixes.length)] : "")
                            + candidate(random, numbers);
                    var matcher = pattern.matcher(s);
                    boolean expected = matcher.matches();
                    matched += expected ? 1 : 0;
                    boolean prefix = matcher.reset().lookingAt();
                    if (automaton.matches(s) != expected || automaton.matchesPrefix(s) != prefix
                            || automaton.prefixFree() && automaton.prefixEnd(s) != (prefix ? matcher.end() : -1)) {
                        differences.add(regex + " on " + s);
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(compiled).isGreaterThan(1_000);
        assertThat(matched).isGreaterThan(1_000);
    }

    /** An example number, one of its prefixes, a perturbed copy, or random digits. */
    private static String candidate(Random random, List<String> numbers) {
        String n = numbers.get(random.nextInt(numbers.size()));
        StringBuilder b = new StringBuilder(n);
        switch (random.nextInt(5)) {
            case 0 -> {
                return n;
            }
            case 1 -> {
                return n.substring(0, random.nextInt(n.length() + 1));
            }
            case 2 -> b.setCharAt(random.nextInt(b.length()), (char) ('0' + random.nextInt(10)));
            case 3 -> b.insert(random.nextInt(b.length() + 1), (char) ('0' + random.nextInt(10)));
            default -> {
                b.setLength(0);
                for (int i = random.nextInt(18); i >= 0; i--) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        return b.toString();
    }

    private static void addNumber(PhoneNumberUtil util, List<String> numbers, PhoneNumber n) {
        if (n != null) {
            numbers.add(util.getNationalSignificantNumber(n));
        }
    }
}
