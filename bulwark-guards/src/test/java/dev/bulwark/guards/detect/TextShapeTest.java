package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextShapeTest {

    private static List<String> starts(String text, int kinds) {
        TextShape shape = TextShape.of(text);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < shape.count(); k++) {
            if ((shape.kind(k) & kinds) != 0) {
                out.add(shape.start(k) + ":" + text.charAt(shape.start(k)));
            }
        }
        return out;
    }

    @Test
    void marksTheFirstDigitOfEachRun() {
        assertThat(starts("call 555-0100 or x12", TextShape.DIGITS)).containsExactly("5:5", "9:0", "18:1");
    }

    @Test
    void marksLettersNotPrecededByAnAsciiLetterOrDigit() {
        // "_b" and "éc" start words for patterns whose boundary is \p{L}\p{N} or ASCII \w respectively.
        assertThat(starts("ab 1x _b éc", TextShape.WORD)).containsExactly("0:a", "7:b", "9:é", "10:c");
    }

    @Test
    void marksSupplementaryLettersAtTheirHighSurrogate() {
        // The x after a non-ASCII letter is offered too: looser than every boundary the patterns check.
        String text = "a \uD801\uDC00x";
        assertThat(starts(text, TextShape.WORD)).containsExactly("0:a", "2:\uD801", "4:x");
    }

    @Test
    void marksSignsColonsAndAtSigns() {
        assertThat(starts("+1 (2) a::b c:d @", TextShape.SIGN | TextShape.COLON | TextShape.AT))
                .containsExactly("0:+", "3:(", "8::", "13::", "16:@");
    }

    @Test
    void reportsWhichKindsOccur() {
        TextShape shape = TextShape.of("no digits here");
        assertThat(shape.has(TextShape.WORD)).isTrue();
        assertThat(shape.has(TextShape.DIGITS | TextShape.AT)).isFalse();
        assertThat(TextShape.of("").count()).isZero();
    }

    @Test
    void measuresDigitRunsAndReadsPastTheEndAsZero() {
        TextShape shape = TextShape.of("12345a");
        assertThat(shape.digitRun(0)).isEqualTo(5);
        assertThat(shape.digitRun(5)).isZero();
        assertThat(shape.at(6)).isEqualTo((char) 0);
        assertThat(shape.at(-1)).isEqualTo((char) 0);
    }

    @Test
    void growsBeyondItsFirstGuess() {
        String text = "a1 ".repeat(10_000);
        assertThat(TextShape.of(text).count()).isEqualTo(20_000);
    }

    @Test
    void countsAsciiDigitsOnly() {
        assertThat(TextShape.of("a1 b22 ٣ \uFF14 333").digitCount()).isEqualTo(6);
        assertThat(TextShape.of("").digitCount()).isZero();
    }

    @Test
    void listsTheStartsOfOneKindInTextOrder() {
        TextShape shape = TextShape.of("a1 b22 @x 3");
        assertThat(shape.startsOf(TextShape.DIGITS)).containsExactly(1, 4, 10);
        assertThat(shape.startsOf(TextShape.WORD)).containsExactly(0, 3, 8);
        assertThat(shape.startsOf(TextShape.AT)).containsExactly(7);
        assertThat(shape.startsOf(TextShape.COLON)).isEmpty();
        assertThatThrownBy(() -> shape.startsOf(TextShape.WORD | TextShape.DIGITS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The classification before it was table-driven, as the reference for generated texts. */
    private static List<String> reference(String t) {
        List<String> out = new ArrayList<>();
        char prev = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean prevAlnum = (prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z')
                    || (prev >= '0' && prev <= '9');
            if (c >= '0' && c <= '9') {
                if (!(prev >= '0' && prev <= '9')) {
                    out.add(i + "/" + TextShape.DIGITS);
                }
            } else if (c < 0x80) {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    if (!prevAlnum) {
                        out.add(i + "/" + TextShape.WORD);
                    }
                } else if (c == '+' || c == '(') {
                    out.add(i + "/" + TextShape.SIGN);
                } else if (c == ':') {
                    if (prev != ':') {
                        out.add(i + "/" + TextShape.COLON);
                    }
                } else if (c == '@') {
                    out.add(i + "/" + TextShape.AT);
                }
            } else if (!prevAlnum && Character.isLetter(t.codePointAt(i))) {
                out.add(i + "/" + TextShape.WORD);
            }
            prev = c;
        }
        return out;
    }

    @Test
    void classifiesGeneratedTextsAsTheCharacterByCharacterRulesSay() {
        String[] pieces = {"a", "Z", "7", "0", "+", "(", ":", "::", "@", " ", "_", "-", ".", "é", "\uD801\uDC00",
                "\uD83D\uDE00", "\uDC00", "٣", "\n", "ab12", "x:y"};
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            TextShape shape = TextShape.of(text);
            List<String> found = new ArrayList<>();
            for (int k = 0; k < shape.count(); k++) {
                found.add(shape.start(k) + "/" + shape.kind(k));
            }
            assertThat(found).as(text).isEqualTo(reference(text));
        }
    }
}
