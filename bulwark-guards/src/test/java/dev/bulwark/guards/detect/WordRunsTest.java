package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WordRunsTest {
    @Test
    void readsForwardOverGapsAndWords() {
        char[] text = "  ab, c’d".toCharArray();
        assertThat(WordRuns.nextWord(text, 0, text.length)).isEqualTo(2);
        assertThat(WordRuns.wordEnd(text, 2, text.length)).isEqualTo(4);
        assertThat(WordRuns.nextWord(text, 4, text.length)).isEqualTo(6);
        assertThat(WordRuns.wordEnd(text, 6, text.length)).as("’ is a word character").isEqualTo(9);
    }

    @Test
    void stopsAtTheLengthNotTheArrayEnd() {
        char[] text = "  ab".toCharArray();
        assertThat(WordRuns.nextWord(text, 0, 1)).isEqualTo(1);
        assertThat(WordRuns.wordEnd(text, 2, 3)).isEqualTo(3);
        assertThat(WordRuns.nextWord(new char[0], 0, 0)).isZero();
    }

    @Test
    void readsBackToTheLineFeedOnly() {
        char[] text = "ab\n  ;cd".toCharArray();
        assertThat(WordRuns.previousWordOnLine(text, 6)).isEqualTo(3);
        assertThat(WordRuns.wordStart(text, 8)).isEqualTo(6);
        assertThat(WordRuns.previousWordOnLine(text, 3)).isEqualTo(3);
        assertThat(WordRuns.wordStart(text, 2)).isZero();
        assertThat(WordRuns.previousWordOnLine("  ".toCharArray(), 2)).isZero();
    }

    @Test
    void unicodeWordCharactersAreLettersAndDigitsOfAnyScript() {
        char[] text = "ıİ١٢１\u05D0 \u0301x".toCharArray();
        assertThat(WordRuns.wordEnd(text, 0, text.length)).isEqualTo(6);
        assertThat(WordRuns.nextWord(text, 6, text.length)).as("a combining mark is no word character").isEqualTo(8);
        char[] pair = "\uD835\uDC00a".toCharArray();
        assertThat(WordRuns.nextWord(pair, 0, pair.length)).as("surrogates are read one char at a time").isEqualTo(2);
    }

    @Test
    void hugeRunsAreWalkedToTheirEnds() {
        char[] words = "w".repeat(200_000).toCharArray();
        assertThat(WordRuns.wordEnd(words, 0, words.length)).isEqualTo(words.length);
        assertThat(WordRuns.wordStart(words, words.length)).isZero();
        char[] gaps = " ".repeat(200_000).toCharArray();
        assertThat(WordRuns.nextWord(gaps, 0, gaps.length)).isEqualTo(gaps.length);
    }

    /** Each move lands where a char-by-char walk with {@link ContextWords#wordChar} lands. */
    @Test
    void agreesWithAPlainWalk() {
        String[] pieces = {"a", "Z", "7", "'", "’", " ", "\t", "\n", ",", "é", "\u0301", "\uD835\uDC00", "١", "ı",
                "\u202E", "_"};
        Random random = new Random(71);
        for (int n = 0; n < 20_000; n++) {
            char[] t = RandomTexts.of(random, pieces, 12, false).toCharArray();
            for (int i = 0; i <= t.length; i++) {
                int forward = i;
                while (forward < t.length && !ContextWords.wordChar(t[forward])) {
                    forward++;
                }
                assertThat(WordRuns.nextWord(t, i, t.length)).isEqualTo(forward);
                int back = i;
                while (back > 0 && !ContextWords.wordChar(t[back - 1]) && t[back - 1] != '\n') {
                    back--;
                }
                assertThat(WordRuns.previousWordOnLine(t, i)).isEqualTo(back);
                int end = WordRuns.wordEnd(t, i, t.length);
                int start = WordRuns.wordStart(t, i);
                for (int k = i; k < end; k++) {
                    assertThat(ContextWords.wordChar(t[k])).isTrue();
                }
                for (int k = start; k < i; k++) {
                    assertThat(ContextWords.wordChar(t[k])).isTrue();
                }
                assertThat(end == t.length || !ContextWords.wordChar(t[end])).isTrue();
                assertThat(start == 0 || !ContextWords.wordChar(t[start - 1])).isTrue();
            }
        }
    }
}
