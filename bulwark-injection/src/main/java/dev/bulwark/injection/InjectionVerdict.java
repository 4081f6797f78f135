package dev.bulwark.injection;

import dev.bulwark.spi.guard.Finding;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How likely a text carries injected instructions, and why.
 *
 * @param score   0 (no evidence) to 1 (certain), combined from the reasons
 * @param reasons the findings, ordered by start; each names its rule in {@code detector}
 */
public record InjectionVerdict(double score, List<Finding> reasons) {
    /** Findings below this score are weak evidence. */
    public static final double WEAK = 0.3;
    /** Weak evidence alone never reaches this score. */
    public static final double MEDIUM = 0.5;
    private static final double WEAK_CEILING = 0.29;
    private static final double MEDIUM_CEILING = 0.49;
    private static final int WEAK_RULES_THAT_COUNT = 3;
    /** Below this a finding is mere context (an ordinary link, one zero-width space) and never counts as a weak rule. */
    private static final double WEAK_FLOOR = 0.15;
    private static final Comparator<Finding> BY_SPAN = Comparator.comparingInt(Finding::start)
            .thenComparingInt(Finding::end);

    public InjectionVerdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within [0, 1]: " + score);
        }
        reasons = List.copyOf(reasons);
    }

    public static InjectionVerdict clean() {
        return new InjectionVerdict(0, List.of());
    }

    /**
     * Combines findings: each rule counts once, with its strongest finding, and distinct rules add up as independent
     * evidence ({@code 1 - Π(1 - s)}). Repeating one phrase therefore never raises the score; different kinds of
     * evidence do. Weak findings (each below {@value #WEAK}) are context: one or two of them alone stay below
     * {@value #WEAK}, so ordinary text with a common phrase or two is never labelled; three or more distinct weak rules
     * (each at least 0.15) add up, but weak evidence alone stays below {@value #MEDIUM}, so it can label text and never
     * remove it.
     */
    public static InjectionVerdict of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return clean(); // what the combination below gives for no findings: score 0, no reasons
        }
        Map<String, Double> strongestPerRule = new HashMap<>();
        for (Finding f : findings) {
            strongestPerRule.merge(f.detector() + '\u0000' + f.type(), f.score(), Math::max);
        }
        double miss = 1;
        double strongest = 0;
        int weakRules = 0;
        for (double s : strongestPerRule.values()) {
            miss *= 1 - s;
            strongest = Math.max(strongest, s);
            weakRules += s >= WEAK_FLOOR ? 1 : 0;
        }
        double combined = 1 - miss;
        if (strongest < WEAK) {
            combined = Math.min(combined,
                    weakRules < WEAK_RULES_THAT_COUNT ? WEAK_CEILING : MEDIUM_CEILING);
        }
        List<Finding> ordered = findings.stream().sorted(BY_SPAN).toList();
        return new InjectionVerdict(Math.min(1, Math.max(0, combined)), ordered);
    }

    /** The distinct signal types among the reasons, for labels and audit. */
    public List<String> signals() {
        return reasons.stream().map(Finding::type).distinct().sorted().toList();
    }
}
