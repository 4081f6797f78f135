package dev.bulwark.injection;

import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects findings for one text: drops duplicates from overlapping windows and keeps at most {@link #CAP} findings,
 * though always the first finding of each rule, so a flood of matches cannot exhaust memory nor hide a rule.
 */
final class FindingSink {
    static final int CAP = 256;
    static final String DETECTOR = "heuristic-injection";

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> rules = new HashSet<>();

    void add(InjectionSignal signal, int start, int end, double score, String rule) {
        if (findings.size() >= CAP && rules.contains(rule)) {
            return;
        }
        if (!seen.add(rule + ':' + start + ':' + end)) {
            return;
        }
        rules.add(rule);
        findings.add(new Finding(signal.name(), start, end, Math.min(1, score), DETECTOR + "/" + rule));
    }

    List<Finding> findings() {
        return findings;
    }
}
