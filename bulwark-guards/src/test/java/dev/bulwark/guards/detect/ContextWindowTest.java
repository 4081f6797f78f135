package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextWindowTest {
    private static final WordTable TABLE = ProperNounCues.table(WordLists.shared());
    private static final String[] PIECES = {"name", "Name", "NAME", "is", "in", "a", "I", "Mr.", "J.", "Anna",
        "Anna's", "Anna’s", "don't", "x", "42", "k2", "2k", "Zoë", "İstanbul", "ıi", "e\u0301", "日本",
        "\uD835\uDC00", "Ｒｏｍａ", "١٢", "שלום", "Jean-Luc", "-", "_", "’", "'", ""};
    private static final String[] GAPS = {" ", " ", " ", "  ", ", ", ". ", ".", "\n", "\r\n", "\r", "\t", "(",
        "'", "’", "_", "\u00A0", "1", "\u200F", ""};

    @Test
    void takesTheWordsOfPlainTextFromTheTokens() {
        WordTokens t = WordTokens.of("my name is Anna Smith and she said hello", TABLE);
        ContextWindow w = new ContextWindow(3);
        assertThat(w.beforeWords(t, 3, 3)).isTrue();
        assertThat(words(w)).containsExactly("is", "name", "my", "name is", "my name");
        assertThat(w.afterWords(t, 4, 2)).isTrue();
        assertThat(words(w)).containsExactly("and", "she", "and she");
    }

    @Test
    void stopsBeforeAtALineBreakAndAtTheTextStart() {
        WordTokens t = WordTokens.of("dear\nAnna", TABLE);
        ContextWindow w = new ContextWindow(3);
        assertThat(w.beforeWords(t, 1, 3)).isTrue();
        assertThat(w.count).isZero();
        assertThat(w.beforeWords(t, 0, 3)).isTrue();
        assertThat(w.count).isZero();
    }

    @Test
    void refusesWhenAWordCharacterTouchesTheWords() {
        ContextWindow w = new ContextWindow(3);
        assertThat(w.beforeWords(WordTokens.of("born 1990 Anna", TABLE), 1, 3)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("don't Anna", TABLE), 1, 3)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("x1 a b c Anna", TABLE), 4, 2)).isTrue();
        // Any word character in the gap before the farthest word sends the window to the characters.
        assertThat(w.beforeWords(WordTokens.of("x1 a b c Anna", TABLE), 4, 3)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("1a b c Anna", TABLE), 3, 3)).isFalse();
        assertThat(w.afterWords(WordTokens.of("Anna's here", TABLE), 0, 2)).isFalse();
        assertThat(w.afterWords(WordTokens.of("Anna is 42", TABLE), 0, 2)).isFalse();
        assertThat(w.afterWords(WordTokens.of("Anna is a2", TABLE), 0, 1)).isTrue();
        assertThat(w.afterWords(WordTokens.of("Anna is ab2", TABLE), 0, 2)).isFalse();
    }

    @Test
    void looksWordsUpOncePerTableAndText() {
        ContextWords one = new ContextWords(new String[] {"name is", "dear"});
        ContextWords other = new ContextWords(new String[] {"is", "hello"});
        WordTokens t = WordTokens.reused("dear name is Anna", TABLE);
        ContextWindow w = new ContextWindow(3);
        assertThat(one.list(0).before(one.collectBefore(w, t, 3, 3), 3)).isTrue();
        assertThat(other.list(0).before(other.collectBefore(w, t, 3, 3), 1)).isTrue();
        assertThat(other.list(0).before(other.collectBefore(w, t, 1, 3), 1)).isFalse();
        assertThat(one.list(0).before(one.collectBefore(w, t, 1, 3), 1)).isTrue();
        t = WordTokens.reused("hello Anna", TABLE);
        assertThat(one.list(0).before(one.collectBefore(w, t, 1, 3), 3)).isFalse();
        assertThat(other.list(0).before(other.collectBefore(w, t, 1, 3), 3)).isTrue();
    }

    @Test
    void handlesEmptyAndHugeTexts() {
        ContextWindow w = new ContextWindow(3);
        assertThat(w.afterWords(WordTokens.of("Anna. ", TABLE), 0, 2)).isTrue();
        assertThat(w.count).isZero();
        assertThat(w.afterWords(WordTokens.of("Anna 7", TABLE), 0, 2)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("7 Anna", TABLE), 0, 2)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("\u0661 Anna", TABLE), 0, 2)).isFalse();
        assertThat(w.beforeWords(WordTokens.of("x\n7 Anna", TABLE), 1, 2)).isFalse();
        String huge = "word ".repeat(50_000) + "Anna";
        WordTokens t = WordTokens.of(huge, TABLE);
        assertThat(w.beforeWords(t, t.count - 1, 3)).isTrue();
        assertThat(words(w)).containsExactly("word", "word", "word", "word word", "word word");
    }

    @Test
    void agreesWithReadingTheCharactersOnGeneratedTexts() {
        Random random = new Random(7);
        ContextWindow fromWords = new ContextWindow(3);
        ContextWindow fromChars = new ContextWindow(3);
        int taken = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder b = new StringBuilder();
            int count = random.nextInt(9);
            for (int p = 0; p < count; p++) {
                b.append(PIECES[random.nextInt(PIECES.length)]).append(GAPS[random.nextInt(GAPS.length)]);
            }
            String text = b.toString();
            WordTokens t = WordTokens.of(text, TABLE);
            char[] chars = text.toCharArray();
            for (int k = 0; k < t.count; k++) {
                for (int max = 1; max <= 3; max++) {
                    String where = text + " @" + k + " max " + max;
                    if (fromWords.beforeWords(t, k, max)) {
                        taken++;
                        fromChars.before(chars, t.start[k], max);
                        assertThat(words(fromWords)).as(where).isEqualTo(words(fromChars));
                        assertThat(hashes(fromWords)).as(where).isEqualTo(hashes(fromChars));
                    }
                    if (fromWords.afterWords(t, k, max)) {
                        taken++;
                        fromChars.after(chars, chars.length, t.end[k], max);
                        assertThat(words(fromWords)).as(where).isEqualTo(words(fromChars));
                        assertThat(hashes(fromWords)).as(where).isEqualTo(hashes(fromChars));
                    }
                }
            }
        }
        assertThat(taken).isGreaterThan(10_000);
    }

    /** The words in window order, and the phrase of each word with the next, as {@link ContextWords} reads them. */
    private static List<String> words(ContextWindow w) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < w.count; k++) {
            out.add(new String(w.chars, w.from[k], w.to[k] - w.from[k]));
        }
        for (int k = 0; k + 1 < w.count; k++) {
            int a = Math.min(w.from[k], w.from[k + 1]);
            int z = Math.max(w.to[k], w.to[k + 1]);
            out.add(new String(w.chars, a, z - a));
        }
        return out;
    }

    private static List<Integer> hashes(ContextWindow w) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < w.count; k++) {
            out.add(w.hash[k]);
        }
        return out;
    }
}
