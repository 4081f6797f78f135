package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * A deviation from a principal's baseline.
 *
 * @param time      the time of the call that revealed it
 * @param kind      what deviated
 * @param principal whose baseline: {@code agent:<id>} or {@code user:<id>}
 * @param agentId   the agent that made the call
 * @param userId    the user it acted for, or {@code null}
 * @param sessionId the transport session of the call, or {@code null}
 * @param tool      the call's tool
 * @param score     how far from the baseline, in the detector's own unit (a z-score, a count); for ordering only
 * @param summary   one line for humans: what was seen against what is usual
 * @param facts     the numbers behind it (observed, baseline, threshold), flat strings and numbers
 */
public record Anomaly(Instant time, AnomalyKind kind, String principal, String agentId, String userId,
                      String sessionId, String tool, double score, String summary, Map<String, Object> facts) {
    public Anomaly {
        Checks.present(time, "time");
        Checks.present(kind, "kind");
        Checks.nonBlank(principal, "principal");
        Checks.nonBlank(agentId, "agentId");
        Checks.nonBlank(tool, "tool");
        Checks.nonBlank(summary, "summary");
        facts = Map.copyOf(Checks.present(facts, "facts"));
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be a number");
        }
    }
}
