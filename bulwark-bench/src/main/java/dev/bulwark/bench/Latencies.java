package dev.bulwark.bench;

import java.util.Arrays;

/** Sorted per-call latencies in nanoseconds, read as percentiles (nearest rank). */
record Latencies(long[] sortedNanos) {
    Latencies {
        if (sortedNanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        sortedNanos = sortedNanos.clone();
        Arrays.sort(sortedNanos);
    }

    /** The latency at {@code fraction} (0 < fraction ≤ 1), in milliseconds. */
    double millisAt(double fraction) {
        int rank = (int) Math.ceil(fraction * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    int count() {
        return sortedNanos.length;
    }
}
