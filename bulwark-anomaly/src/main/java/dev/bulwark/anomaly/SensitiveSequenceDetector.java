package dev.bulwark.anomaly;

import dev.bulwark.spi.tool.ToolKind;
import java.util.Map;

/**
 * Output labelled sensitive (by default {@code secret} or {@code pii}) delivered to the principal, then an egress tool
 * called within {@link #CALLS} calls and {@link #WINDOW_MILLIS}: data may be leaving. A principal whose egress calls
 * habitually follow sensitive reads (at least {@link #HABIT} of its last egress calls, with {@link #MIN_EGRESS} of them
 * seen) is doing its job, and is not reported.
 */
final class SensitiveSequenceDetector implements Detector {
    static final int CALLS = 10;
    static final long WINDOW_MILLIS = 15 * 60_000;
    static final double HABIT = 0.2;
    static final int MIN_EGRESS = 10;
    private static final double ALPHA = 0.05;

    private final AnomalySettings settings;
    private long sensitiveAt = Long.MIN_VALUE;
    private String sensitiveTool;
    private int callsSince;
    private int egressCalls;
    private double followedShare;

    SensitiveSequenceDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.SENSITIVE_SEQUENCE;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        callsSince++;
        Finding finding = null;
        if (call.kind() == ToolKind.EGRESS) {
            boolean follows = sensitiveAt != Long.MIN_VALUE && callsSince <= CALLS
                    && time - sensitiveAt <= WINDOW_MILLIS;
            boolean habit = egressCalls >= MIN_EGRESS && followedShare >= HABIT;
            if (follows && !habit && history >= settings.learnCalls()) {
                finding = new Finding(callsSince, "egress " + call.tool() + " " + callsSince
                        + " calls after sensitive output of " + sensitiveTool, Map.of("sensitiveTool", sensitiveTool,
                        "callsBetween", callsSince, "habitualShare", CallRateDetector.round(followedShare)));
            }
            followedShare = egressCalls == 0 ? (follows ? 1 : 0)
                    : followedShare + ALPHA * ((follows ? 1 : 0) - followedShare);
            egressCalls++;
        }
        if (call.outcome() == CallEvent.Outcome.ALLOWED
                && call.labels().stream().anyMatch(settings.sensitiveLabels()::contains)) {
            sensitiveAt = time;
            sensitiveTool = call.tool();
            callsSince = 0;
        }
        return finding;
    }
}
