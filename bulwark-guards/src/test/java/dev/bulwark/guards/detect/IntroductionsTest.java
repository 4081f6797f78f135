package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IntroductionsTest {
    /** The regular expression the hand-written rule replaced, on the lower-cased window before the word. */
    private static final Pattern INTRODUCED =
            Pattern.compile("(?s).*\\b(?:name is|i am|i'm|named|called|this is)\\s+$");

    private static boolean byRegex(String text, int start) {
        String before = text.substring(Math.max(0, start - 14), start).toLowerCase(Locale.ROOT);
        return INTRODUCED.matcher(before).matches();
    }

    @Test
    void findsAnIntroductionRightBeforeTheWord() {
        assertThat(Introductions.before("my name is andrea", 11)).isTrue();
        assertThat(Introductions.before("Hi, I'm\tbob", 8)).isTrue();
        assertThat(Introductions.before("THIS IS\n\nanna", 9)).isTrue();
        assertThat(Introductions.before("she was named \r\nx", 16)).isTrue();
    }

    @Test
    void rejectsAPhraseInsideAWordOrWithoutSpaceAfterIt() {
        assertThat(Introductions.before("surname is anna", 11)).isFalse();
        assertThat(Introductions.before("renamed anna", 8)).isFalse();
        assertThat(Introductions.before("_named anna", 7)).isFalse();
        assertThat(Introductions.before("named,anna", 6)).isFalse();
        assertThat(Introductions.before("she was named \u2028x", 15)).isFalse();
        assertThat(Introductions.before("", 0)).isFalse();
    }

    @Test
    void agreesWithTheRegularExpressionOnGeneratedWindows() {
        String[] pieces = {"name is", "NAME IS", "i am", "I AM", "i'm", "I’m", "named", "called", "this is",
            "Named", "is", "am", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\u000B", "\f", "\u0085", "\u2028",
            "\u2029", "\u00A0", "x", "_", "3", "é", "\u0301", "\u0301\u0301", "\uD835\uDC00", "\uD835", "\uDC00",
            "İ", "ı", "K", "\u212A", "Σ", ",", ".", "'", "-", "日", "١", "\u200F"};
        Random random = new Random(7);
        for (int n = 0; n < 60_000; n++) {
            StringBuilder b = new StringBuilder();
            int count = random.nextInt(7);
            for (int p = 0; p < count; p++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b + "anna";
            int start = b.length();
            assertThat(Introductions.before(text, start)).as(text).isEqualTo(byRegex(text, start));
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomCharacters() {
        String alphabet = "nameiscltdh' \t\n\r\u000B\f\u0085\u2028\u2029_0\u0301\u0300İIKΣ\uD835\uDC00é";
        Random random = new Random(11);
        for (int n = 0; n < 60_000; n++) {
            StringBuilder b = new StringBuilder();
            int count = random.nextInt(20);
            for (int p = 0; p < count; p++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            for (int start = Math.max(0, text.length() - 3); start <= text.length(); start++) {
                assertThat(Introductions.before(text, start)).as(text + " @" + start).isEqualTo(byRegex(text, start));
            }
        }
    }
}
