package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PhoneVerdictsTest {
    private static final List<String> DEFAULTS = PiiDetectorSettings.defaults().phoneRegions();
    /** Shared calling codes (CA, GG), national prefix transforms (AR, MX, BR), leading zeros (IT), an unknown code. */
    private static final List<String> OTHERS =
            List.of("CA", "GG", "AR", "MX", "IT", "RU", "CN", "JP", "AU", "KR", "NZ", "CO", "XX");
    private static final String[] HOSTILE = {"", " ", "+", "00", "0", "()", "+()", "12", "1-2", "123", "+12",
            "1".repeat(300), "1 ".repeat(200), "+" + "9".repeat(40), "0".repeat(17), "1".repeat(17),
            "２０２ ５５５ ０１２３", "202\u0301 555 0123", "202 555 0123\uD83D\uDE00", "\u200F202 555 0123",
            "\u0662\u0660\u0662 555 0123", "202 555 0123 \u0131xt 5", "202 555 0123 İxt 5", "+1 202 555 0123#",
            "++1 202 555 0123", " +1 202 555 0123", "1+202 555 0123", "(+1) 202 555 0123", "202/555/0123",
            "tel:+1-202-555-0123", "202 555 0123;ext=5", "202 555 0123 x", "12 x12345", "12 ext12345",
            "202 555 0123 ext. 12", "0044 20 7946 0958", "011 44 20 7946 0958", "44 20 7946 0958"};

    @Test
    void generatedCandidatesGetTheLibraryVerdictForTheDefaultRegions() {
        assertSameVerdicts(DEFAULTS, 1, 60_000);
    }

    @Test
    void generatedCandidatesGetTheLibraryVerdictForRegionsWithSharedCodesAndPrefixRules() {
        assertSameVerdicts(OTHERS, 2, 30_000);
    }

    @Test
    void generatedCandidatesGetTheLibraryVerdictForRandomRegionsOfTheWholeMetadata() {
        List<String> all = new ArrayList<>(new TreeSet<>(PhoneNumberUtil.getInstance().getSupportedRegions()));
        Random random = new Random(5);
        for (int round = 0; round < 12; round++) {
            Collections.shuffle(all, random);
            assertSameVerdicts(all.subList(0, 8), 100 + round, 6_000);
        }
    }

    @Test
    void hostileInputGetsTheLibraryVerdict() {
        for (List<String> regions : List.of(DEFAULTS, OTHERS)) {
            PhoneVerdicts verdicts = new PhoneVerdicts(regions);
            LibraryPhoneVerdict reference = new LibraryPhoneVerdict(regions);
            for (String s : HOSTILE) {
                assertThat(verdicts.verdict(s)).as(s).isEqualTo(reference.verdict(s));
            }
        }
    }

    @Test
    void exampleNumbersOfTheConfiguredRegionsAreValidNationallyAndInternationally() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneVerdicts verdicts = new PhoneVerdicts(DEFAULTS);
        for (String region : DEFAULTS) {
            var n = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            assertThat(verdicts.verdict(util.format(n, PhoneNumberFormat.NATIONAL))).as(region).isEqualTo(2);
            assertThat(verdicts.verdict(util.format(n, PhoneNumberFormat.INTERNATIONAL))).as(region).isEqualTo(2);
        }
    }

    @Test
    void numbersOfUnconfiguredRegionsNeedTheirCallingCode() {
        PhoneVerdicts verdicts = new PhoneVerdicts(List.of("US"));
        assertThat(verdicts.verdict("+44 20 7946 0958")).isEqualTo(2);
        assertThat(verdicts.verdict("0044 20 7946 0958")).isEqualTo(2);
        assertThat(verdicts.verdict("011 44 20 7946 0958")).isEqualTo(2);
        assertThat(verdicts.verdict("020 7946 0958")).isZero();
    }

    @Test
    void unknownRegionsAcceptNoNationalNumber() {
        PhoneVerdicts verdicts = new PhoneVerdicts(List.of("XX", "us"));
        assertThat(verdicts.verdict("202 555 0123")).isZero();
        assertThat(verdicts.verdict("+1 202 555 0123")).isEqualTo(new LibraryPhoneVerdict(List.of("XX")).verdict(
                "+1 202 555 0123"));
    }

    @Test
    void recognizerFindsWhatTheLibraryBasedRecognizerFoundInGeneratedTexts() {
        String[] before = {"", "call ", "Phone: ", "fax no. ", "ref ", "id=", "x ", "on ", "Tel (", "\n"};
        String[] after = {"", ".", " today", " ext 5", ")", ", thanks", " or ", "-", " call me"};
        PhoneCandidateGenerator generator = new PhoneCandidateGenerator(3);
        Random random = new Random(4);
        PhoneRecognizer recognizer = new PhoneRecognizer(DEFAULTS);
        LegacyPhoneRecognizer legacy = new LegacyPhoneRecognizer(DEFAULTS);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(3); k >= 0; k--) {
                text.append(before[random.nextInt(before.length)]).append(generator.next())
                        .append(after[random.nextInt(after.length)]).append(' ');
            }
            ScanText scan = ScanText.of(text.toString());
            List<Finding> found = findings(recognizer, scan);
            List<Finding> expected = findings(legacy, scan);
            if (!found.equals(expected) && differences.size() < 10) {
                differences.add(text + " -> " + found + " instead of " + expected);
            }
        }
        assertThat(differences).isEmpty();
    }

    private static List<Finding> findings(Recognizer recognizer, ScanText scan) {
        Candidates out = new Candidates(scan, Integer.MAX_VALUE);
        recognizer.recognize(scan.text(), out);
        return out.all();
    }

    private static void assertSameVerdicts(List<String> regions, long seed, int count) {
        PhoneVerdicts verdicts = new PhoneVerdicts(regions);
        LibraryPhoneVerdict reference = new LibraryPhoneVerdict(regions);
        PhoneCandidateGenerator generator = new PhoneCandidateGenerator(seed);
        List<String> differences = new ArrayList<>();
        int[] seen = new int[3];
        for (int i = 0; i < count; i++) {
            String candidate = generator.next();
            int expected = reference.verdict(candidate);
            int actual = verdicts.verdict(candidate);
            seen[expected]++;
            if (actual != expected && differences.size() < 20) {
                differences.add("'" + candidate + "' -> " + actual + " instead of " + expected);
            }
        }
        assertThat(differences).isEmpty();
        // The generated candidates cover all three verdicts in earnest.
        assertThat(Math.min(seen[0], Math.min(seen[1], seen[2]))).isGreaterThan(count / 20);
    }
}
