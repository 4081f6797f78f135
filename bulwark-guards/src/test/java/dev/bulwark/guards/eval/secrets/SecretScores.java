package dev.bulwark.guards.eval.secrets;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores a detector on a secret corpus. A gold secret is caught when the findings (of secret types) together cover
 * every character of it, so redaction would leave nothing of it; a finding is correct when it overlaps a gold
 * secret. Precision = correct findings / findings; recall = caught secrets / secrets; per positive kind recall, per
 * negative kind the share of samples with any finding.
 */
final class SecretScores {
    static final Set<String> SECRET_TYPES = Set.of("API_KEY", "PRIVATE_KEY", "PASSWORD", "JWT", "SECRET");

    int golds;
    int caught;
    int findings;
    int correct;
    final Map<String, int[]> byKind = new TreeMap<>();
    final Map<String, int[]> byNegative = new TreeMap<>();

    static SecretScores of(Detector detector, List<SecretSample> samples) {
        SecretScores s = new SecretScores();
        for (SecretSample sample : samples) {
            List<Finding> found = detector.detect(sample.text()).stream()
                    .filter(f -> SECRET_TYPES.contains(f.type())).toList();
            s.findings += found.size();
            for (Finding f : found) {
                boolean hit = sample.golds().stream().anyMatch(g -> f.start() < g.end() && g.start() < f.end());
                s.correct += hit ? 1 : 0;
            }
            for (SecretSample.Gold g : sample.golds()) {
                boolean covered = true;
                for (int i = g.start(); i < g.end() && covered; i++) {
                    int at = i;
                    covered = found.stream().anyMatch(f -> f.start() <= at && at < f.end());
                }
                s.golds++;
                s.caught += covered ? 1 : 0;
                int[] k = s.byKind.computeIfAbsent(g.kind(), x -> new int[2]);
                k[0]++;
                k[1] += covered ? 1 : 0;
            }
            if (sample.negativeKind() != null) {
                int[] k = s.byNegative.computeIfAbsent(sample.negativeKind(), x -> new int[2]);
                k[0]++;
                k[1] += found.isEmpty() ? 0 : 1;
            }
        }
        return s;
    }

    double precision() {
        return findings == 0 ? 1 : (double) correct / findings;
    }

    double recall() {
        return golds == 0 ? 0 : (double) caught / golds;
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "secrets %d, caught %d, findings %d, correct %d%n", golds, caught,
                findings, correct));
        b.append(String.format(Locale.ROOT, "precision %.3f  recall %.3f%n", precision(), recall()));
        b.append("recall by kind:\n");
        byKind.forEach((k, c) -> b.append(String.format(Locale.ROOT, "  %-28s %4d / %4d  %.3f%n", k, c[1], c[0],
                (double) c[1] / c[0])));
        b.append("negative samples with a finding:\n");
        byNegative.forEach((k, c) -> b.append(String.format(Locale.ROOT, "  %-28s %4d / %4d  %.3f%n", k, c[1], c[0],
                (double) c[1] / c[0])));
        return b.toString();
    }
}
