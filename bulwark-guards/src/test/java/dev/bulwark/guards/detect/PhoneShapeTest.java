package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhoneShapeTest {
    /** The pattern {@link PhoneShape} replaces, as the phone recognizer ran it. */
    private static final Pattern SHAPE = Pattern.compile(
            "(?<![\\w+.:/-])(?:\\+\\d{1,3}[ .-]?+|00\\d{1,3}[ .-]?+|\\d{3}-)?(?:\\(\\d{1,5}\\)[ .-]?+)?\\d{1,5}"
                    + "(?:[ .-]\\d{1,5}){0,5}+(?:\\s?+(?:x|ext\\.?)\\s?+\\d{1,5})?(?![\\w]|[.-]\\d)");
    private static final String[] PIECES = {"0", "1", "5", "9", "00", "123", "4567", "99999", "+", "(", ")", " ",
            ".", "-", "x", "ext", "ext.", "e", "t", "\t", "\n", "_", "a", "Z", ":", "/", "é", "０", "\u0301", "ı",
            "\uD83D\uDE00", "\u200F", " x", " ext. ", "+1 ", "+44 ", "00 ", "(0)", "555-", "\r", "\u000B", "#"};

    @Test
    void endsWhereThePatternEndsAtEveryIndexOfGeneratedText() {
        Random random = new Random(21);
        PhoneCandidateGenerator phones = new PhoneCandidateGenerator(22);
        List<String> differences = new ArrayList<>();
        int matches = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(random.nextInt(4) == 0 ? phones.next() : PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            Matcher m = SHAPE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= text.length(); i++) {
                m.region(i, text.length());
                int expected = m.lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                int actual = PhoneShape.end(text, i);
                if (actual != expected && differences.size() < 10) {
                    differences.add("'" + text + "' at " + i + ": " + actual + " instead of " + expected);
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(matches).isGreaterThan(20_000);
    }

    @Test
    void takesPrefixParenthesesGroupsAndExtension() {
        String t = "call +1 (555) 123-4567 ext. 89 now";
        assertThat(PhoneShape.end(t, 5)).isEqualTo(t.indexOf(" now"));
        assertThat(PhoneShape.end("001-555-1234", 0)).isEqualTo(12);
        assertThat(PhoneShape.end("555-1234x12", 0)).isEqualTo(11);
    }

    @Test
    void refusesNumbersGluedToWordsOrDecimals() {
        assertThat(PhoneShape.end("a5551234", 1)).isEqualTo(-1);
        assertThat(PhoneShape.end("5551234a", 0)).isEqualTo(-1);
        assertThat(PhoneShape.end("555.1234.5", 0)).isEqualTo(10);
        assertThat(PhoneShape.end("123456789", 0)).isEqualTo(-1);
        assertThat(PhoneShape.end("555 1234_", 0)).isEqualTo(-1);
    }

    @Test
    void hostileTextNeverMatchesOutsideAsciiDigits() {
        for (String s : List.of("", " ", "+", "(", "０１２３４５６７", "555\u0301 1234", "\uD83D\uDE00 555 1234",
                "\u200F555 1234", "ı555 1234", "555 1234 İxt 5", "9".repeat(100_000))) {
            for (int i = 0; i <= Math.min(s.length(), 20); i++) {
                Matcher m = SHAPE.matcher(s).useTransparentBounds(true).useAnchoringBounds(false).region(i, s.length());
                assertThat(PhoneShape.end(s, i)).as(s.length() > 50 ? "long" : s).isEqualTo(m.lookingAt() ? m.end() : -1);
            }
        }
    }
}
