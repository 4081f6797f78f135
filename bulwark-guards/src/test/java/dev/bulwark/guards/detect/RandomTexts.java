package dev.bulwark.guards.detect;

import java.util.Random;

/** Generated test texts: pieces drawn at random and joined, the same texts for the same seed. */
final class RandomTexts {
    private RandomTexts() {}

    /**
     * One to {@code most} pieces; with {@code spaces}, each followed by a space two times in three. The draws are
     * made in a fixed order (count, then per piece the piece and the space), so a seed gives one sequence of texts.
     */
    static String of(Random random, String[] pieces, int most, boolean spaces) {
        StringBuilder text = new StringBuilder();
        for (int p = random.nextInt(most); p >= 0; p--) {
            text.append(pieces[random.nextInt(pieces.length)]);
            if (spaces && random.nextInt(3) > 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }
}
