package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StreetCharsTest {
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern MARK = Pattern.compile("\\p{M}");
    private static final Pattern LETTER_OR_NUMBER = Pattern.compile("[\\p{L}\\p{N}]");
    private static final Pattern BEFORE = Pattern.compile("[\\w.-]");

    @Test
    void readsPastTheEndAsNothing() {
        assertThat(StreetChars.at("", 0)).isEqualTo((char) 0);
        assertThat(StreetChars.at("ab", 2)).isEqualTo((char) 0);
        assertThat(StreetChars.digits("", 0)).isZero();
        assertThat(StreetChars.letterOrNumberAt("a", 1)).isFalse();
        assertThat(StreetChars.blanks("", 0, ' ')).isEqualTo(-1);
    }

    @Test
    void blanksTakeAtMostThreeOfBlankOrTheExtraChar() {
        assertThat(StreetChars.blanks("     x", 0, ' ')).isEqualTo(3);
        assertThat(StreetChars.blanks(" ,\tx", 0, ',')).isEqualTo(3);
        assertThat(StreetChars.blanks(" ,x", 0, ' ')).isEqualTo(1);
        assertThat(StreetChars.blanks("-x", 0, '-')).isEqualTo(1);
        assertThat(StreetChars.blanks("\u00A0x", 0, ' ')).as("no-break space is no blank").isEqualTo(-1);
    }

    @Test
    void digitsAreAsciiOnly() {
        assertThat(StreetChars.digits("12a", 0)).isEqualTo(2);
        assertThat(StreetChars.digits("１２", 0)).isZero();
        assertThat(StreetChars.digits("١٢", 0)).isZero();
        assertThat(StreetChars.digits("9".repeat(100_000), 0)).isEqualTo(100_000);
    }

    @Test
    void theLookbehindSeesAsciiWordCharsFullStopAndHyphen() {
        assertThat(StreetChars.wordDotOrHyphenBefore("x", 0)).isFalse();
        for (String blocked : new String[] {"a5", "Z5", "05", "_5", ".5", "-5"}) {
            assertThat(StreetChars.wordDotOrHyphenBefore(blocked, 1)).as(blocked).isTrue();
        }
        for (String free : new String[] {" 5", "é5", "ı5", "\u05D05", "\uDC005", "\u03015", "１5", ",5"}) {
            assertThat(StreetChars.wordDotOrHyphenBefore(free, 1)).as(free).isFalse();
        }
    }

    /** Every char (and supplementary code points) is classed as the patterns class it. */
    @Test
    void classesAgreeWithThePatternsOnEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x20000 ? 1 : 97) {
            String s = Character.toString(cp);
            assertThat(StreetChars.letter(cp)).as("letter %x", cp).isEqualTo(LETTER.matcher(s).matches());
            assertThat(StreetChars.mark(cp)).as("mark %x", cp).isEqualTo(MARK.matcher(s).matches());
            assertThat(StreetChars.letterOrNumber(cp)).as("letter or number %x", cp)
                    .isEqualTo(LETTER_OR_NUMBER.matcher(s).matches());
            assertThat(StreetChars.letterOrNumberAt(s, 0)).isEqualTo(StreetChars.letterOrNumber(cp));
            if (cp < 0x10000) {
                assertThat(StreetChars.wordDotOrHyphenBefore(s + "5", 1)).as("before %x", cp)
                        .isEqualTo(BEFORE.matcher(s).matches());
                assertThat(StreetChars.blank((char) cp)).isEqualTo(cp == ' ' || cp == '\t');
                assertThat(StreetChars.asciiLetter((char) cp)).isEqualTo(cp < 0x80 && Character.isLetter(cp));
            }
        }
    }
}
