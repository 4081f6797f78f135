package dev.bulwark.guards.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.guard.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings on text that is mostly not PII (code, SQL, JSON/YAML, logs, business prose) stay rare, and the PII in it
 * is still found. Before issue 8 the same corpus gave 44.4 false positives per 1,000 tokens (see
 * docs/security/pii.md).
 */
class FalsePositiveCorpusTest {
    private static final PatternPiiDetector DETECTOR = new PatternPiiDetector();

    @Test
    void fewFalsePositivesAndTheLabelledPiiIsFound() throws IOException {
        List<MarkedCorpus.Sample> samples = FalsePositiveCorpus.samples();
        EvaluationReport r = new PiiEvaluation(DETECTOR).evaluate(FalsePositiveCorpus.labelled(samples));
        System.out.print(r.describe());
        assertThat(samples).hasSizeGreaterThanOrEqualTo(50);
        assertThat(r.tokens()).isGreaterThan(3_000);
        assertThat(r.falsePositivesPerThousandTokens()).isLessThan(12);
        assertThat(r.falsePositivesPerThousandTokens("PERSON")).isLessThan(8);
        assertThat(r.falsePositivesPerThousandTokens("GPE")).isLessThan(1);
        assertThat(r.falsePositivesPerThousandTokens("DATE_TIME")).isLessThan(1);
        assertThat(r.recall()).isGreaterThan(0.85);
    }

    @Test
    void sqlKeywordsAndColumnNamesAreNeverPeopleOrPlaces() throws IOException {
        for (MarkedCorpus.Sample s : FalsePositiveCorpus.samples()) {
            if (!s.kind().startsWith("sql") && !s.kind().startsWith("code")) {
                continue;
            }
            String text = s.labelled().text();
            for (Finding f : DETECTOR.detect(text)) {
                String found = text.substring(f.start(), f.end());
                boolean labelled = s.labelled().spans().stream()
                        .anyMatch(g -> g.start() <= f.start() && f.end() <= g.end());
                if (!labelled && (f.type().equals("PERSON") || f.type().equals("GPE"))) {
                    // Only words the corpus does not label; none may be an upper-case keyword or a column name.
                    assertThat(found).as("in %s", s.kind()).doesNotMatch("[A-Z_]{2,}|\\p{Lu}\\p{Ll}+\\p{Lu}\\w*");
                }
            }
        }
    }

    @Test
    void readsLabelsInPlace() throws IOException {
        MarkedCorpus.Sample s = MarkedCorpus.parse("t", "Hi ⟪PERSON|Anna⟫, call ⟪PHONE_NUMBER|555 0101⟫.\n");
        assertThat(s.labelled().text()).isEqualTo("Hi Anna, call 555 0101.");
        assertThat(s.labelled().spans()).containsExactly(new LabelledText.GoldSpan("PERSON", 3, 7),
                new LabelledText.GoldSpan("PHONE_NUMBER", 14, 22));
        try (InputStream in = new java.io.ByteArrayInputStream("stray text\n===== x\na".getBytes())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MarkedCorpus.read(in))
                    .isInstanceOf(IOException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MarkedCorpus.parse("t", "⟪PERSON Anna⟫"))
                .isInstanceOf(IOException.class);
    }
}
