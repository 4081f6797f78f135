package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextWordsTest {
    private static final String[][] LISTS = {
        {"name is", "i'm", "thank you", "dear", "spoke to", "grew up in", "ΣΟΦΙΑ is", "straße", "name"},
        {"in", "from", "moved to", "city of", "live in", "’s", "'s", "k2"},
        {"said", "is a", "and his", "year old", "İstanbul", "ﬁle"}};
    private static final String[] PIECES = {"name", "Name", "NAME", "is", "IS", "i'm", "I’m", "thank", "you",
        "dear", "spoke", "to", "grew", "up", "in", "from", "moved", "city", "of", "live", "said", "a", "and",
        "his", "year", "old", "’s", "'s", "K2", "k2", "ΣΟΦΙΑ", "σοφια", "Straße", "STRASSE", "İstanbul", "istanbul",
        "ﬁle", "FILE", "\u212A2", "e\u0301", "日本", "\uD835\uDC00", "x", "42", "Anna"};
    private static final String[] GAPS = {" ", " ", "  ", ", ", ". ", "\n", "\r\n", "-", "—", "\t", "(", "'",
        "’", "_", "\u00A0", ""};

    private final ContextWords group = new ContextWords(LISTS);
    private final ReferenceContextWords[] reference = {
        new ReferenceContextWords(LISTS[0]), new ReferenceContextWords(LISTS[1]),
        new ReferenceContextWords(LISTS[2])};

    @Test
    void findsPhrasesBeforeAndAfterAnIndex() {
        ContextWords.Phrases names = group.list(0);
        assertThat(names.before("My name is Anna", 11, 3)).isTrue();
        assertThat(names.before("THANK YOU Anna", 10, 1)).isFalse();
        assertThat(names.before("THANK YOU Anna", 10, 2)).isTrue();
        assertThat(names.before("name\nAnna", 5, 3)).isFalse();
        assertThat(group.list(2).after("Anna, 42 year old", 4, 3)).isTrue();
        assertThat(group.list(2).after("Anna, 42 year old", 4, 2)).isFalse();
        assertThat(group.list(1).after("Anna’s", 4, 2)).isTrue();
    }

    @Test
    void handlesEmptyTextsAndEdges() {
        assertThat(group.list(0).before("", 0, 3)).isFalse();
        assertThat(group.list(0).after("", 0, 2)).isFalse();
        assertThat(group.list(2).after("said", 4, 2)).isFalse();
        assertThat(group.list(0).before("\uD835\uDC00 dear", 0, 3)).isFalse();
    }

    @Test
    void agreesWithTheStringLookupOnGeneratedTexts() {
        Random random = new Random(42);
        ContextWindow before = new ContextWindow(3);
        ContextWindow after = new ContextWindow(3);
        for (int n = 0; n < 4_000; n++) {
            StringBuilder b = new StringBuilder();
            int count = random.nextInt(8);
            for (int p = 0; p < count; p++) {
                b.append(PIECES[random.nextInt(PIECES.length)]).append(GAPS[random.nextInt(GAPS.length)]);
            }
            String text = b.toString();
            char[] chars = text.toCharArray();
            for (int at = 0; at <= text.length(); at++) {
                group.collectBefore(before, chars, at, 3);
                group.collectAfter(after, chars, chars.length, at, 2);
                for (int l = 0; l < LISTS.length; l++) {
                    for (int words = 1; words <= 3; words++) {
                        String where = text + " @" + at + " list " + l + " words " + words;
                        boolean expected = reference[l].before(text, at, words);
                        assertThat(group.list(l).before(before, words)).as(where).isEqualTo(expected);
                        assertThat(group.list(l).before(text, at, words)).as(where).isEqualTo(expected);
                        assertThat(group.list(l).after(text, at, words)).as(where)
                                .isEqualTo(reference[l].after(text, at, words));
                    }
                    assertThat(group.list(l).after(after)).as(text + " @" + at)
                            .isEqualTo(reference[l].after(text, at, 2));
                }
            }
        }
    }

    @Test
    void readsWordsLongerThanItsFirstBuffer() {
        String word = "a".repeat(10_000);
        String text = "name is " + word + " Anna";
        assertThat(group.list(0).before(text, text.length() - 4, 3)).isTrue();
        assertThat(group.list(0).before(text, text.length() - 4, 2)).isFalse();
        assertThat(group.list(2).after(word + " is a", 0, 3)).isTrue();
    }

    @Test
    void refusesMoreListsThanOneTableCanMark() {
        String[][] lists = new String[11][];
        java.util.Arrays.fill(lists, new String[] {"x"});
        assertThatThrownBy(() -> new ContextWords(lists)).isInstanceOf(IllegalArgumentException.class);
    }
}
