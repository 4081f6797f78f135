package dev.bulwark.guards.eval.secrets;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.guards.detect.SecretDetector;
import java.util.List;

/**
 * Prints precision and recall of the secret detector and of the PII detector's secret findings on the generated
 * secret corpora. Arguments: {@code a|b [seed] [samples per kind] [secrets|pii]}; with the last, every sample the
 * named detector misses or over-reports is printed.
 */
public final class SecretEvaluation {
    private SecretEvaluation() {}

    static List<SecretSample> corpus(String set, long seed, int perKind) {
        return set.equals("b") ? SecretCorpusB.generate(seed, perKind) : SecretCorpus.generate(seed, perKind);
    }

    public static void main(String[] args) {
        String set = args.length > 0 ? args[0] : "a";
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int perKind = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        List<SecretSample> samples = corpus(set, seed, perKind);
        System.out.printf("set %s, seed %d, %d samples%n", set, seed, samples.size());
        System.out.println("== SecretDetector (audit records)");
        System.out.print(SecretScores.of(new SecretDetector(), samples).describe());
        System.out.println("== PatternPiiDetector, secret types only (tool output)");
        System.out.print(SecretScores.of(new PatternPiiDetector(), samples).describe());
        if (args.length > 3) {
            dev.bulwark.spi.guard.Detector d = args[3].equals("pii") ? new PatternPiiDetector() : new SecretDetector();
            for (SecretSample s : samples) {
                var found = d.detect(s.text()).stream().filter(f -> SecretScores.SECRET_TYPES.contains(f.type()))
                        .toList();
                boolean fp = found.stream().anyMatch(f -> s.golds().stream()
                        .noneMatch(g -> f.start() < g.end() && g.start() < f.end()));
                boolean miss = s.golds().stream().anyMatch(g -> found.stream()
                        .noneMatch(f -> f.start() <= g.start() && f.end() >= g.end()));
                if (fp || miss) {
                    System.out.println((fp ? "FP " : "MISS ") + s.golds() + " " + found + "\n  " + s.text()
                            .replace("\n", "\\n"));
                }
            }
        }
    }
}
