package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.time.Duration;
import java.util.Set;

/**
 * How the detectors judge. The thresholds are statistical (tail probabilities, sigmas, ratios), not counts fitted to
 * one kind of traffic; see docs/security/anomaly.md for what each means.
 *
 * @param learnCalls        calls a principal makes before its baselines are trusted; nothing is reported before
 * @param cooldown          after reporting a kind for a principal, the same kind is not reported again for this long
 * @param maxPrincipals     principals whose baselines are kept; the least recently seen is forgotten beyond
 * @param maxSkew           how far ahead of this gateway's clock an event's time is believed
 * @param sensitiveLabels   output labels whose reading, followed by egress, is a sensitive sequence
 * @param minBurstCalls     a call-rate burst has at least this many calls in its last minute
 * @param newToolRate       first use is reported only while the principal's estimated chance of a new tool (Good–Turing:
 *                          tools seen once / calls) is below this
 * @param volumeSigmas      a read this many deviations (of log size) above the tool's usual size is unusual
 * @param volumeRatio       and at least this many times the tool's usual size
 * @param tailProbability   denial and injection bursts: a count in the window this unlikely under the principal's own
 *                          rate is reported; the call-rate test's threshold is 0.83 × ln(1 / this)
 * @param rareHourFraction  an hour (with its neighbours) holding less than this share of the principal's calls is unusual
 * @param fanOutMargin      connectors in a window beyond the most the principal ever touched by this many is a fan-out
 */
public record AnomalySettings(int learnCalls, Duration cooldown, int maxPrincipals, Duration maxSkew,
                              Set<String> sensitiveLabels, int minBurstCalls, double newToolRate,
                              double volumeSigmas, double volumeRatio, double tailProbability, double rareHourFraction,
                              int fanOutMargin) {
    public AnomalySettings {
        if (learnCalls < 10 || learnCalls > 1_000_000) {
            throw new IllegalArgumentException("learnCalls must be between 10 and 1000000");
        }
        Checks.present(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        if (maxPrincipals < 1 || maxPrincipals > 1_000_000) {
            throw new IllegalArgumentException("maxPrincipals must be between 1 and 1000000");
        }
        Checks.present(maxSkew, "maxSkew");
        sensitiveLabels = Set.copyOf(Checks.present(sensitiveLabels, "sensitiveLabels"));
        positive(newToolRate, "newToolRate");
        positive(volumeSigmas, "volumeSigmas");
        positive(volumeRatio, "volumeRatio");
        if (!(tailProbability > 0 && tailProbability < 0.5)) {
            throw new IllegalArgumentException("tailProbability must be between 0 and 0.5");
        }
        positive(rareHourFraction, "rareHourFraction");
        if (minBurstCalls < 2 || fanOutMargin < 1) {
            throw new IllegalArgumentException("minBurstCalls must be at least 2 and fanOutMargin at least 1");
        }
    }

    public static AnomalySettings defaults() {
        return new AnomalySettings(200, Duration.ofMinutes(10), 10_000, Duration.ofMinutes(5),
                Set.of("secret", "pii"), 5, 0.005, 5, 10, 1e-6, 0.002, 2);
    }

    /** A copy with another learning period (tests, the evaluation). */
    public AnomalySettings withLearnCalls(int calls) {
        return new AnomalySettings(calls, cooldown, maxPrincipals, maxSkew, sensitiveLabels, minBurstCalls,
                newToolRate, volumeSigmas, volumeRatio, tailProbability, rareHourFraction, fanOutMargin);
    }

    /** A copy keeping at most {@code count} principals. */
    public AnomalySettings withMaxPrincipals(int count) {
        return new AnomalySettings(learnCalls, cooldown, count, maxSkew, sensitiveLabels, minBurstCalls,
                newToolRate, volumeSigmas, volumeRatio, tailProbability, rareHourFraction, fanOutMargin);
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number");
        }
    }
}
