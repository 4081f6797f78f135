package dev.bulwark.anomaly;

import java.util.List;

/** One principal's baselines: a detector of each kind, its call count and when each kind was last reported. */
final class Profile {
    final List<Detector> detectors;
    final long[] reportedAt = new long[AnomalyKind.values().length];
    long calls;
    long lastTime = Long.MIN_VALUE;

    Profile(AnomalySettings settings) {
        this.detectors = List.of(new CallRateDetector(settings), new FirstUseDetector(settings),
                new DataVolumeDetector(settings), RareEventBurst.denials(settings), new UnusualHoursDetector(settings),
                new FanOutDetector(settings), new SensitiveSequenceDetector(settings),
                RareEventBurst.injections(settings), new OutsideIntentDetector(settings));
        java.util.Arrays.fill(reportedAt, Long.MIN_VALUE);
    }
}
