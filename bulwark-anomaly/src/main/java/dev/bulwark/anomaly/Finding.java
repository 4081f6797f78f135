package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.util.Map;

/** What one detector saw on one call; the engine turns it into an {@link Anomaly}. */
record Finding(double score, String summary, Map<String, Object> facts) {
    Finding {
        Checks.nonBlank(summary, "summary");
        facts = Map.copyOf(facts);
    }
}
