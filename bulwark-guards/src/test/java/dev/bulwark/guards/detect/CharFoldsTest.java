package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharFoldsTest {
    @Test
    void foldsSingleCharactersAsTheWordFoldDoes() {
        assertThat(CharFolds.of('é')).isEqualTo("e");
        assertThat(CharFolds.of('ß')).isEqualTo("ss");
        assertThat(CharFolds.of('Ø')).isEqualTo("o");
        assertThat(CharFolds.of('İ')).isEqualTo("i");
        assertThat(CharFolds.of('\u0301')).isEmpty();
        assertThat(CharFolds.of('’')).isEmpty();
    }

    @Test
    void leavesCapitalSigmaAndLaterBlocksToTheWholeWord() {
        assertThat(CharFolds.of('Σ')).isNull();
        assertThat(CharFolds.of('日')).isNull();
        assertThat(CharFolds.of('\u212A')).isNull();
        assertThat(CharFolds.of('\uD835')).isNull();
        assertThat(CharFolds.of('\uFF21')).isNull();
    }

    /** The rule the per-character fold rests on: a word of covered characters folds as its characters do. */
    @Test
    void joiningCharacterFoldsEqualsFoldingTheWord() {
        Random random = new Random(3);
        StringBuilder covered = new StringBuilder("aZ'’-");
        for (char c = 0x80; c < CharFolds.LIMIT; c++) {
            if (CharFolds.of(c) != null) {
                covered.append(c);
            }
        }
        for (int n = 0; n < 50_000; n++) {
            StringBuilder word = new StringBuilder();
            StringBuilder joined = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                char c = covered.charAt(random.nextInt(covered.length()));
                word.append(c);
                joined.append(c < 0x80 ? WordLists.fold(String.valueOf(c)) : CharFolds.of(c));
            }
            assertThat(joined.toString()).as(word.toString()).isEqualTo(WordLists.fold(word.toString()));
        }
    }
}
