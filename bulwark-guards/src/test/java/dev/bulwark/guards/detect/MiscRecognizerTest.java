package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Ages are matched only where a match can start; compared with a {@code find()} loop over the whole text. */
class MiscRecognizerTest {
    private static final String[] PIECES = {"age", "AGE", "Age", "aged", "ages", "age of", "age is", "age:", "turn",
            "TURNS", "turned", "turning", "page", "teenage", "Saturn", " ", " ", "-", "42", "7", "130", "131", "1234",
            "year", "years old", "-year-old", "y/o", "yrs", "yo", "old", ".", ",", "5.5", "\n", "a", "x", "_", "é"};

    @Test
    void findsTheAgesAFindLoopFindsOnGeneratedTexts() {
        int ages = 0;
        for (String text : GeneratedTexts.of(3, PIECES, 40_000, 10)) {
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

    private static final String[] LINK_PIECES = {"http://", "https://", "HTTP://", "www.", "WWW.", "Www.", "wWw.", "://",
            "ftp://", "example", "ex-ample", ".com", ".org", ":8080", "/path", "?q=1", "#x", " ", " ", "\n", ".", ",",
            "!", "@", "_", "-", "a", "h", "w", "zip", "ZIP", "post", "postal", " code", "code", "Code", "CODE", "cOdE",
            "ode", "ODE", ":", "#", " is ", "12345", "1234", "-678", "K1A 0B1", "SW1A 1AA", "9", "é", "(", ")", "zip code 12345", "postal code: K1A 0B1", "Post Code SW1A 1AA", "zipcode#98765-4321"};

    @Test
    void findsTheLinksAndPostcodesAFindLoopFindsOnGeneratedTexts() {
        int urls = 0;
        int zips = 0;
        for (String text : GeneratedTexts.of(17, LINK_PIECES, 40_000, 10)) {
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new MiscRecognizer().recognize(text, out);
            List<Finding> expectedUrls = referenceUrls(text);
            List<Finding> expectedZips = referenceZips(text);
            assertThat(out.all().stream().filter(f -> f.type().equals("URL")).toList()).as(text).isEqualTo(expectedUrls);
            assertThat(out.all().stream().filter(f -> f.type().equals("ZIP_CODE")).toList()).as(text)
                    .isEqualTo(expectedZips);
            urls += expectedUrls.size();
            zips += expectedZips.size();
        }
        assertThat(urls).isGreaterThan(1_000);
        assertThat(zips).isGreaterThan(300);
    }

    /** The former gate and {@code find()} loop. */
    private static List<Finding> referenceUrls(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        if (text.indexOf("://") >= 0 || text.regionMatches(true, 0, "www.", 0, 4) || text.contains("www.")
                || text.contains("WWW.")) {
            Matcher m = MiscRecognizer.URL.matcher(text);
            while (m.find()) {
                int end = m.end();
                while (end > m.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                out.add("URL", m.start(), end, 0.6, "url");
            }
        }
        return out.all();
    }

    private static List<Finding> referenceZips(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        if (text.chars().anyMatch(c -> c >= '0' && c <= '9') && (text.contains("ode") || text.contains("ODE"))) {
            Matcher m = MiscRecognizer.ZIP.matcher(text);
            while (m.find()) {
                out.add("ZIP_CODE", m.start(1), m.end(1), 0.6, "zip-code");
            }
        }
        return out.all();
    }
}
