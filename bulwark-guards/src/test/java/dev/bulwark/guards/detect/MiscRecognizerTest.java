package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Ages are matched only where a match can start; compared with a {@code find()} loop over the whole text. */
class MiscRecognizerTest {
    private static final String[] PIECES = {"age", "AGE", "Age", "aged", "ages", "age of", "age is", "age:", "turn",
            "TURNS", "turned", "turning", "page", "teenage", "Saturn", " ", " ", "-", "42", "7", "130", "131", "1234",
            "year", "years old", "-year-old", "y/o", "yrs", "yo", "old", ".", ",", "5.5", "\n", "a", "x", "_", "é"};

    @Test
    void findsTheAgesAFindLoopFindsOnGeneratedTexts() {
        Random random = new Random(3);
        int ages = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(10); k >= 0; k--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new MiscRecognizer().recognize(text, out);
            List<Finding> expected = reference(text);
            assertThat(out.all().stream().filter(f -> f.type().equals("AGE")).toList()).as(text).isEqualTo(expected);
            ages += expected.size();
        }
        assertThat(ages).isGreaterThan(1_000);
    }

    @Test
    void findsKeywordAndNumberForms() {
        Candidates out = new Candidates(ScanText.of("She turned 42; a 7-year-old boy; aged 131"), 100);
        new MiscRecognizer().recognize(out.scanText(), out);
        assertThat(out.all()).extracting(Finding::start).containsExactly(11, 17);
    }

    private static List<Finding> reference(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = MiscRecognizer.AGE.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            if (Integer.parseInt(m.group(g)) <= 130) {
                out.add("AGE", m.start(g), m.end(g), 0.6, "age");
            }
        }
        return out.all();
    }
}
