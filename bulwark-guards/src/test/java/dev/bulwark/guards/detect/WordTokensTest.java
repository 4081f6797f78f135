package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordTokensTest {
    private final WordLists words = WordLists.shared();
    private final WordTable table = ProperNounCues.table(words);

    /** Pieces the generated texts are made of: listed words, the characters the tokenizer decides on, oddities. */
    private static final String[] PIECES = {"Maria", "maria", "MARIA", "Smith", "van", "Van", "de", "la", "Mr", "mr",
        "Dr", "Mrs", "St", "no", "Inc", "inc", "Co", "ltd", "Ltd", "s.a.", "Paris", "burkina", "Faso", "France",
        "January", "Jesus", "OK", "CEO", "IV", "XIV", "MIX", "DC", "Ivanov", "kindness", "Sören", "SOREN", "Æsir",
        "Łódź", "Straße", "Þór", "Ðakovo", "İstanbul", "ıi", "Σίσυφος", "ΣΟΦΙΑ", "Москва", "Пётр", "日本",
        "עברית", "عربي", "e\u0301", "\u0301x", "𝐀𝐁", "\uD835", "\uDC00", "Ｔｏｋｙｏ", "１２３", "Kelvin\u212A", "ǅemal",
        "John's", "JOHN's", "John’s", "O'Neil", "o'neil", "D’Arcy", "rock-n-roll", "Garcia-Smith", "x-", "-y",
        "it's", "'s", "’s", "s'", "A.", "B.", "U.", "Prof.", "ul.", "Av.", "co.", "ex.", "I", "a", "and", "Sons"};
    private static final String[] GAPS = {" ", " ", " ", "  ", "   ", "    ", "\t", "\n", "\r\n", ", ", ". ", "'",
        "’", "-", ".", "", "", "3", ": ", " & ", "\u00A0", "\u2028", "\u0085", "“", "(", ">"};

    @Test
    void agreesWithTheRecordTokenizerOnGeneratedTexts() {
        Random random = new Random(20261125);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                b.append(random.nextInt(10) == 0 ? randomChars(random) : PIECES[random.nextInt(PIECES.length)]);
                b.append(GAPS[random.nextInt(GAPS.length)]);
            }
            String text = b.toString();
            assertSame(text);
            assertSame(text.toUpperCase(java.util.Locale.ROOT));
            assertSame(text.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void agreesOnEveryListedWordInEveryCase() {
        StringBuilder b = new StringBuilder();
        for (String w : words.kindsByWord().keySet()) {
            b.append(w).append(' ').append(w.toUpperCase(java.util.Locale.ROOT)).append(", ");
        }
        for (String w : ProperNounCues.ORG_SUFFIXES) {
            b.append(w).append(' ');
        }
        assertSame(b.toString());
    }

    @Test
    void handlesEmptyAndWordlessTexts() {
        assertThat(WordTokens.of("", table).count).isZero();
        assertThat(WordTokens.of("123 456 ... !!", table).count).isZero();
        assertThat(WordTokens.of("\uD835\uDC00\uD835\uDC01", table).count).isZero();
    }

    @Test
    void readsAHugeTextAndReusesArraysOnlyForSmallOnes() {
        String huge = "Anna Smith met Dr. O'Neil in Paris. ".repeat(2_000);
        WordTokens tokens = WordTokens.reused(huge, table);
        assertThat(tokens.count).isEqualTo(7 * 2_000);
        assertThat(WordTokens.reused("Anna", table)).isNotSameAs(tokens);
        assertThat(WordTokens.reused("Bob", table)).isSameAs(WordTokens.reused("Anna", table));
        assertSame(huge);
    }

    @Test
    void marksShapesPossessivesKeptPeriodsAndJoins() {
        WordTokens t = WordTokens.of("Mr. SMITH's van\n  J. Doe", table);
        assertThat(t.count).isEqualTo(5);
        assertThat(t.end[0]).isEqualTo(3);
        assertThat(t.shape(1)).isEqualTo(WordTokens.UPPER);
        assertThat(t.has(1, WordTokens.POSSESSIVE)).isTrue();
        assertThat(t.text(1)).isEqualTo("SMITH");
        assertThat(t.has(2, WordTokens.PLAIN_LOWER) && t.in(2, ProperNounCues.PARTICLE)).isTrue();
        assertThat(t.has(3, WordTokens.LINE_BREAK)).isTrue();
        assertThat(t.shape(3)).isEqualTo(WordTokens.INITIAL);
        assertThat(t.has(4, WordTokens.JOINED)).isTrue();
    }

    @Test
    void comparesWordsAndTextPiecesAsWritten() {
        WordTokens t = WordTokens.of("Smith and Sons, and İnan", table);
        assertThat(t.is(1, "and")).isTrue();
        assertThat(t.is(1, "And")).isFalse();
        assertThat(t.is(2, "Son")).isFalse();
        assertThat(t.is(4, "İnan")).isTrue();
        assertThat(t.textAt(t.end[2], ", and ")).isTrue();
        assertThat(t.textAt(t.end[0], " and ")).isTrue();
        assertThat(t.textAt(t.end[4], ", ")).isFalse();
        assertThat(t.textAt(-1, "S")).isFalse();
        assertThat(t.textAt(t.length, "")).isTrue();
        assertThat(t.textAt(t.length - 1, "nx")).isFalse();
        assertThat(WordTokens.of("", table).textAt(0, ", ")).isFalse();
    }

    @Test
    void readsAPlainAsciiWordWithItsShapeFoldAndHash() {
        WordTokens t = WordTokens.of("  McDonald went", table);
        assertThat(t.shape(0)).isEqualTo(WordTokens.CAPITALISED);
        assertThat(t.has(0, WordTokens.ASCII_LETTERS)).isTrue();
        assertThat(t.end[0]).isEqualTo(10);
        assertThat(new String(t.folds, t.foldStart(0), t.foldEnd(0) - t.foldStart(0))).isEqualTo("mcdonald");
        assertThat(t.hash(0)).isEqualTo("mcdonald".hashCode());
    }

    @Test
    void leavesWordsGoingOnWithApostrophesHyphensOrBeyondAsciiToTheFullRead() {
        for (String w : new String[] {"O'Neil", "rock-n", "Zoë", "é", "John’s", "John's", "word-", "x́"}) {
            WordTokens t = WordTokens.of(w, table);
            assertThat(t.has(0, WordTokens.ASCII_LETTERS)).as(w).isFalse();
        }
        assertSame("O'Neil rock-n Zoë é John’s John's word- x́ Łódź");
    }

    private static String randomChars(Random random) {
        String alphabet = "aAzZiIvVxX'’-. \n\tßİıΣσςéЁё日\u0301\u0308\uD835\uDC00_0１Ａ\u05D0\u0627K\u212A";
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private void assertSame(String text) {
        List<ReferenceWordToken> expected = ReferenceWordToken.of(text);
        WordTokens actual = WordTokens.of(text, table);
        assertThat(actual.count).as(text).isEqualTo(expected.size());
        // Asked first, before any lookup: the filter must never hide a given name.
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.inFiltered(k, WordLists.FIRST_NAME)).as(text + " @" + k)
                    .isEqualTo((expected.get(k).kinds() & WordLists.FIRST_NAME) != 0);
            String f = expected.get(k).folded();
            assertThat(actual.inFiltered(k, ProperNounCues.TITLE)).as(text + " @" + k)
                    .isEqualTo(ProperNounCues.TITLES.contains(f));
            assertThat(actual.inFiltered(k, ProperNounCues.PARTICLE)).as(text + " @" + k)
                    .isEqualTo(ProperNounCues.PARTICLES.contains(f));
        }
        List<Integer> capitalised = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            ReferenceWordToken e = expected.get(k);
            String at = text + " @" + k;
            assertThat(actual.start[k]).as(at).isEqualTo(e.start());
            assertThat(actual.end[k]).as(at).isEqualTo(e.end());
            assertThat(actual.text(k)).as(at).isEqualTo(e.text());
            assertThat(new String(actual.folds, actual.foldStart(k), actual.foldEnd(k) - actual.foldStart(k)))
                    .as(at).isEqualTo(e.folded());
            assertThat(actual.shape(k)).as(at).isEqualTo(e.shape().ordinal());
            assertThat(actual.has(k, WordTokens.LINE_BREAK)).as(at).isEqualTo(e.lineBreakBefore());
            assertThat(actual.has(k, WordTokens.JOINED)).as(at).isEqualTo(e.joinedToPrevious());
            assertThat(actual.has(k, WordTokens.POSSESSIVE)).as(at).isEqualTo(e.possessive());
            assertThat(actual.has(k, WordTokens.HYPHEN)).as(at).isEqualTo(e.text().indexOf('-') >= 0);
            assertThat(actual.romanLetters(k)).as(at).isEqualTo(e.text().matches("[IVXLCDM]+"));
            assertThat(actual.has(k, WordTokens.PLAIN_LOWER)).as(at).isEqualTo(e.text().matches("[a-z]+"));
            assertThat(actual.is(k, e.text())).as(at).isTrue();
            assertThat(actual.hash(k)).as(at).isEqualTo(e.folded().hashCode());
            if (actual.has(k, WordTokens.ASCII_LETTERS)) {
                assertThat(e.text()).as(at).matches("[A-Za-z]+");
                assertThat(e.possessive()).as(at).isFalse();
            }
            String f = e.folded();
            int bits = actual.bits(k);
            assertThat(bits & ProperNounCues.KINDS).as(at).isEqualTo(e.kinds());
            assertThat((bits & ProperNounCues.TITLE) != 0).as(at).isEqualTo(ProperNounCues.TITLES.contains(f));
            assertThat((bits & ProperNounCues.LEAD) != 0).as(at).isEqualTo(ProperNounCues.LEADS.contains(f));
            assertThat((bits & ProperNounCues.NOT_NAME) != 0).as(at).isEqualTo(ProperNounCues.NOT_NAMES.contains(f));
            assertThat((bits & ProperNounCues.ORG_SUFFIX) != 0).as(at)
                    .isEqualTo(ProperNounCues.ORG_SUFFIXES.contains(f));
            assertThat((bits & ProperNounCues.LABEL) != 0).as(at).isEqualTo(ProperNounCues.LABELS.contains(f));
            assertThat(actual.in(k, ProperNounCues.PARTICLE) && actual.has(k, WordTokens.PLAIN_LOWER)).as(at)
                    .isEqualTo(ProperNounCues.PARTICLES.contains(e.text()));
            if (e.shape() == ReferenceWordToken.Shape.CAPITALISED) {
                capitalised.add(k);
            }
        }
        assertThat(java.util.Arrays.stream(actual.capitalised, 0, actual.capitalisedCount).boxed().toList())
                .as(text).isEqualTo(capitalised);
    }
}
