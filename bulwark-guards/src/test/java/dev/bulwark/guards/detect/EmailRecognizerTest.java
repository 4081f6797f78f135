package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Addresses are tried only at the start of the local part before each '@'; compared with the former 64-start loop. */
class EmailRecognizerTest {
    private static final String[] PIECES = {"john", "j.doe", "x_y", "a+b", "50%", "-", ".", "..", "@", "@", "example",
            ".com", ".co.uk", ".c", "mail-server", " ", " ", "\n", "é", "Ünïcode", "\u0301", "日本", "_", "1", ",", ";",
            "<", ">", "a".repeat(40), "b".repeat(30), "john@example.com", "a.b+c@mail-server.co.uk", "ü@日本.jp"};

    @Test
    void findsWhatTheFormerLoopFindsOnGeneratedTexts() {
        int found = 0;
        for (String generated : GeneratedTexts.of(37, PIECES, 40_000, 12)) {
            String text = ScanText.of(generated).text(); // recognizers read the matching form
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new EmailRecognizer().recognize(text, out);
            List<Finding> expected = reference(text);
            assertThat(out.all()).as(text).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).isGreaterThan(2_000);
    }

    @Test
    void findsAnAddressAfterPunctuationAndNotInsideALongerLocalPart() {
        assertThat(recognize("mail: (john.doe@example.com)")).extracting(Finding::start).containsExactly(7);
        assertThat(recognize("x" + "a".repeat(70) + "@example.com")).isEmpty();
    }

    private static List<Finding> recognize(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100);
        new EmailRecognizer().recognize(text, out);
        return out.all();
    }

    private static List<Finding> reference(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = EmailRecognizer.EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int resume = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            for (int i = Math.max(resume, at - 64); i < at; i++) {
                if (m.region(i, text.length()).lookingAt()) {
                    resume = m.end();
                    EmailRecognizer.report(text, m, out);
                    break;
                }
            }
        }
        return out.all();
    }
}
