package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomTextsTest {
    @Test
    void theSameSeedGivesTheSameTexts() {
        String[] pieces = {"a", "é", "\u0301", "\uD835\uDC00", "١٢", "ı"};
        Random first = new Random(7);
        Random second = new Random(7);
        for (int n = 0; n < 1_000; n++) {
            assertThat(RandomTexts.of(first, pieces, 5, true)).isEqualTo(RandomTexts.of(second, pieces, 5, true));
        }
    }

    @Test
    void textsHoldOneToMostPiecesAndSpacesOnlyWhenAsked() {
        Random random = new Random(8);
        for (int n = 0; n < 1_000; n++) {
            String bare = RandomTexts.of(random, new String[] {"x"}, 4, false);
            assertThat(bare).matches("x{1,4}");
            assertThat(RandomTexts.of(random, new String[] {"x"}, 4, true)).matches("(x ?){1,4}");
        }
    }

    @Test
    void aSinglePieceAllowedGivesOnePiece() {
        assertThat(RandomTexts.of(new Random(9), new String[] {""}, 1, false)).isEmpty();
        assertThat(RandomTexts.of(new Random(9), new String[] {"\u202Eabc"}, 1, false)).isEqualTo("\u202Eabc");
    }
}
