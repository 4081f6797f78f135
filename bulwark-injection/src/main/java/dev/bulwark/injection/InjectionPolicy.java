package dev.bulwark.injection;

import java.util.Objects;

/**
 * What {@link InjectionGuard} does at which injection score. Scores at or above {@code labelAt} mark the output
 * {@code untrusted} and {@code suspicious}; at or above {@code quarantineAt} the offending spans are also replaced by
 * {@code quarantineMarker}; at or above {@code blockAt} the output is withheld. A threshold of
 * {@link Double#POSITIVE_INFINITY} switches that action off.
 *
 * @param labelAt          score from which the output is labelled, in (0, 1] or infinity
 * @param quarantineAt     score from which suspected spans are removed, at least {@code labelAt}
 * @param blockAt          score from which the whole output is withheld, at least {@code quarantineAt}
 * @param maxScreenedChars longest text screened; longer output is blocked rather than passed unscreened
 * @param quarantineMarker what replaces a removed span, one line of at most 200 characters
 */
public record InjectionPolicy(double labelAt, double quarantineAt, double blockAt, int maxScreenedChars,
                              String quarantineMarker) {
    public static final String DEFAULT_MARKER = "[bulwark: removed suspected instruction]";

    public InjectionPolicy {
        threshold(labelAt, "labelAt");
        threshold(quarantineAt, "quarantineAt");
        threshold(blockAt, "blockAt");
        if (!(labelAt <= quarantineAt && quarantineAt <= blockAt)) {
            throw new IllegalArgumentException("thresholds must satisfy labelAt <= quarantineAt <= blockAt: "
                    + labelAt + ", " + quarantineAt + ", " + blockAt);
        }
        if (maxScreenedChars < 1024) {
            throw new IllegalArgumentException("maxScreenedChars must be at least 1024: " + maxScreenedChars);
        }
        Objects.requireNonNull(quarantineMarker, "quarantineMarker must not be null");
        if (quarantineMarker.isBlank() || quarantineMarker.length() > 200 || quarantineMarker.contains("\n")) {
            throw new IllegalArgumentException("quarantineMarker must be one non-blank line of at most 200 characters");
        }
    }

    /**
     * Label from 0.3, quarantine from 0.5, block from 0.9; screens up to 4 Mi characters (far more than a model's
     * context holds, and a bound on the CPU one hostile output can cost).
     */
    public static InjectionPolicy defaults() {
        return new InjectionPolicy(0.3, 0.5, 0.9, 4 << 20, DEFAULT_MARKER);
    }

    private static void threshold(double value, String field) {
        if (!(value > 0 && value <= 1) && value != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(field + " must be within (0, 1] or infinity (never): " + value);
        }
    }
}
