package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

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
    void findsADigitAfterAnIndexWithinABound() {
        TextShape shape = TextShape.of("Hauptstrasse 12 and more words 7");
        assertThat(shape.digitAfter(0, 13)).isTrue();
        assertThat(shape.digitAfter(0, 12)).isFalse();
        assertThat(shape.digitAfter(14, 10)).isFalse();
        assertThat(shape.digitAfter(14, 100)).isTrue();
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
}
