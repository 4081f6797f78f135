package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded texts glued from pieces: the inputs of the differential tests against former implementations. */
final class GeneratedTexts {
    private GeneratedTexts() {}

    /** {@code count} texts of 1 to {@code maxPieces} pieces each, the same for the same seed. */
    static List<String> of(long seed, String[] pieces, int count, int maxPieces) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(maxPieces); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(b.toString());
        }
        return texts;
    }
}
