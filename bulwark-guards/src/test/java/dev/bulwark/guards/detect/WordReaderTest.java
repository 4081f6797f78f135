package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordReaderTest {
    private final WordReader reader = new WordReader();
    private final char[] buf = new char[256];

    private String folded(int from) {
        return new String(buf, from, reader.foldEnd - from);
    }

    @Test
    void readsAPlainAsciiWordWithItsShapeFoldAndHash() {
        char[] text = "  McDonald went".toCharArray();
        int flags = reader.readAscii(text, 2, text.length, buf, 5);
        assertThat(flags & 7).isEqualTo(WordTokens.CAPITALISED);
        assertThat(flags & WordTokens.ASCII_LETTERS).isNotZero();
        assertThat(reader.wordEnd).isEqualTo(10);
        assertThat(reader.coreEnd).isEqualTo(10);
        assertThat(folded(5)).isEqualTo("mcdonald");
        assertThat(reader.foldHash).isEqualTo("mcdonald".hashCode());
        char[] initial = "J. Doe".toCharArray();
        assertThat(reader.readAscii(initial, 0, initial.length, buf, 0) & 7).isEqualTo(WordTokens.INITIAL);
        char[] upper = "NASA".toCharArray();
        assertThat(reader.readAscii(upper, 0, upper.length, buf, 0) & 7).isEqualTo(WordTokens.UPPER);
        char[] lower = "word".toCharArray();
        int lowerFlags = reader.readAscii(lower, 0, lower.length, buf, 0);
        assertThat(lowerFlags & 7).isEqualTo(WordTokens.LOWER);
        assertThat(lowerFlags & WordTokens.PLAIN_LOWER).isNotZero();
    }

    @Test
    void leavesWordsGoingOnWithApostrophesHyphensOrBeyondAsciiToTheFullRead() {
        for (String w : new String[] {"O'Neil", "rock-n", "Zoë", "John’s", "word-", "x\u0301"}) {
            char[] text = w.toCharArray();
            assertThat(reader.readAscii(text, 0, text.length, buf, 0)).as(w).isEqualTo(-1);
        }
    }

    @Test
    void stopsAHyphenOrApostropheNotFollowedByALetter() {
        char[] end = "word- x".toCharArray();
        assertThat(reader.read(end, 0, end.length, buf, 0) & WordTokens.HYPHEN).isZero();
        assertThat(reader.wordEnd).isEqualTo(4);
        char[] quote = "word' x".toCharArray();
        reader.read(quote, 0, quote.length, buf, 0);
        assertThat(reader.wordEnd).isEqualTo(4);
        assertThat(folded(0)).isEqualTo("word");
    }

    @Test
    void cutsAPossessiveOffShapeFlagsAndFold() {
        char[] text = "JOHN's".toCharArray();
        int flags = reader.read(text, 0, text.length, buf, 0);
        assertThat(flags & 7).isEqualTo(WordTokens.UPPER);
        assertThat(flags & WordTokens.POSSESSIVE).isNotZero();
        assertThat(flags & WordReader.APOSTROPHE).isZero();
        assertThat(reader.coreEnd).isEqualTo(4);
        assertThat(reader.wordEnd).isEqualTo(6);
        assertThat(folded(0)).isEqualTo("john");
    }

    @Test
    void foldsCoveredLettersOneByOneAndAsksForTheWholeWordOtherwise() {
        char[] text = "Straße".toCharArray();
        assertThat(reader.read(text, 0, text.length, buf, 0) & WordReader.WHOLE).isZero();
        assertThat(folded(0)).isEqualTo("strasse");
        for (String w : new String[] {"ΣΟΦΙΑ", "日本", "\u212Aelvin"}) {
            char[] t = w.toCharArray();
            assertThat(reader.read(t, 0, t.length, buf, 0) & WordReader.WHOLE).as(w).isNotZero();
        }
    }

    @Test
    void treatsLettersAndMarksAsWordCharacters() {
        assertThat(WordReader.letter('a')).isTrue();
        assertThat(WordReader.letter('\u0301')).isTrue();
        assertThat(WordReader.letter('\u05D0')).isTrue();
        assertThat(WordReader.letter('1')).isFalse();
        assertThat(WordReader.letter('\uFF11')).isFalse();
        assertThat(WordReader.letter('\uD835')).isFalse();
        assertThat(WordReader.letter('\'')).isFalse();
    }
}
