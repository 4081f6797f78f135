package dev.bulwark.anomaly;

import java.util.Map;

/**
 * Calls in the last minute against the principal's usual calls per active minute (an exponentially weighted mean and
 * variance over completed minutes). A window above {@code mean + rateSigmas × deviation} (the deviation at least
 * Poisson's, √mean), above {@link #PEAK_MARGIN} times the busiest minute the principal had lately (a peak that decays
 * by {@link #PEAK_DECAY} per active minute, so busy periods it has are remembered for days, not minutes) and above
 * {@code minBurstCalls} is a burst. Minutes inside a burst do not teach the baseline.
 */
final class CallRateDetector implements Detector {
    static final int RING = 128;
    private static final long WINDOW = 60_000;
    private static final double ALPHA = 0.05;
    private static final int MIN_MINUTES = 10;
    static final double PEAK_MARGIN = 1.5;
    static final double PEAK_DECAY = 0.998;

    private final AnomalySettings settings;
    private final long[] recent = new long[RING];
    private int size;
    private int head;
    private long minute = Long.MIN_VALUE;
    private int minuteCalls;
    private boolean minuteHot;
    private double mean;
    private double variance;
    private int minutes;
    private double peak;

    CallRateDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.CALL_RATE;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        long m = Math.floorDiv(time, WINDOW);
        if (m != minute) {
            if (minute != Long.MIN_VALUE && !minuteHot) {
                learn(minuteCalls);
            }
            minute = m;
            minuteCalls = 0;
            minuteHot = false;
        }
        minuteCalls++;
        recent[head] = time;
        head = (head + 1) % RING;
        size = Math.min(size + 1, RING);
        int inWindow = 0;
        for (int i = 0; i < size; i++) {
            if (recent[i] > time - WINDOW) {
                inWindow++;
            }
        }
        double deviation = Math.sqrt(Math.max(variance, mean));
        double limit = Math.max(Math.max(settings.minBurstCalls(), mean + settings.rateSigmas() * deviation),
                PEAK_MARGIN * peak);
        if (inWindow > limit) {
            minuteHot = true;
            if (history >= settings.learnCalls() && minutes >= MIN_MINUTES) {
                double z = (inWindow - mean) / Math.max(deviation, 1e-9);
                return new Finding(z, inWindow + " calls in the last minute; usually " + round(mean)
                        + " per active minute, at most " + round(peak) + " lately", Map.of("callsLastMinute", inWindow,
                        "usualPerMinute", round(mean), "busiestMinute", round(peak), "limit", round(limit)));
            }
        }
        return null;
    }

    private void learn(int calls) {
        peak = Math.max(calls, peak * PEAK_DECAY);
        if (minutes == 0) {
            mean = calls;
            variance = 0;
        } else {
            double diff = calls - mean;
            mean += ALPHA * diff;
            variance = (1 - ALPHA) * (variance + ALPHA * diff * diff);
        }
        minutes++;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
