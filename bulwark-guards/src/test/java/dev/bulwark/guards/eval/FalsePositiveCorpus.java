package dev.bulwark.guards.eval;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The false-positive corpus ({@code pii-fp/corpus-*.txt}: code, SQL, JSON/YAML, logs, business text, with the true
 * PII in it labelled): {@code FalsePositiveCorpus [--list]} prints {@link PiiEvaluation}'s report on it, and with
 * {@code --list} every finding that matches no label, by kind of text.
 */
public final class FalsePositiveCorpus {
    static final List<String> FILES = List.of("/pii-fp/corpus-1.txt");

    static List<MarkedCorpus.Sample> samples() throws IOException {
        List<MarkedCorpus.Sample> out = new ArrayList<>();
        for (String f : FILES) {
            try (InputStream in = FalsePositiveCorpus.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IOException("missing resource " + f);
                }
                out.addAll(MarkedCorpus.read(in));
            }
        }
        return out;
    }

    static List<LabelledText> labelled(List<MarkedCorpus.Sample> samples) {
        return samples.stream().map(MarkedCorpus.Sample::labelled).toList();
    }

    public static void main(String[] args) throws IOException {
        List<MarkedCorpus.Sample> samples = samples();
        Detector detector = new PatternPiiDetector();
        PiiEvaluation evaluation = new PiiEvaluation(detector);
        System.out.print(evaluation.evaluate(labelled(samples)).describe());
        if (args.length > 0 && args[0].equals("--list")) {
            for (MarkedCorpus.Sample s : samples) {
                EvaluationReport one = evaluation.evaluate(List.of(s.labelled()));
                String text = s.labelled().text();
                for (Finding f : detector.detect(text)) {
                    boolean labelled = s.labelled().spans().stream()
                            .anyMatch(g -> g.start() < f.end() && f.start() < g.end());
                    System.out.printf("%s %-14s %-16s %.2f [%s]%n", labelled ? "  " : "FP", s.kind(), f.type(),
                            f.score(), text.substring(f.start(), f.end()).replace("\n", "\\n"));
                }
                if (one.matched() < one.goldSpans()) {
                    System.out.printf("MISSED %s: %d of %d labels%n", s.kind(), one.goldSpans() - one.matched(),
                            one.goldSpans());
                }
            }
        }
    }
}
