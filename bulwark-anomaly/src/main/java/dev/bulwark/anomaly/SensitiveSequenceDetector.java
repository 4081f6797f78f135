package dev.bulwark.anomaly;

import dev.bulwark.spi.tool.ToolKind;
import java.util.Map;

/**
 * Output labelled sensitive (by default {@code secret} or {@code pii}) delivered to the principal, then an egress tool
 * called within {@link #CALLS} calls and {@link #WINDOW_MILLIS}: data may be leaving. What is usual for the principal is
 * learned per label and egress tool: a principal that has sent mail after reading PII before (a mailer doing its job) is
 * not reported for doing so again, but is for sending it somewhere new, or for sending after reading a secret. So the
 * sequence is reported when this principal never made it before. At most {@link #MAX_SEQUENCES} sequences are
 * remembered; beyond, unremembered ones stay new.
 */
final class SensitiveSequenceDetector implements Detector {
    static final int CALLS = 10;
    static final long WINDOW_MILLIS = 15 * 60_000;
    static final int MAX_SEQUENCES = 64;

    private final AnomalySettings settings;
    private long sensitiveAt = Long.MIN_VALUE;
    private String sensitiveTool;
    private java.util.Set<String> sensitiveLabels = java.util.Set.of();
    private int callsSince;
    private final java.util.Map<String, Integer> seen = new java.util.HashMap<>();

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
        if (call.kind() == ToolKind.EGRESS && sensitiveAt != Long.MIN_VALUE && callsSince <= CALLS
                && time - sensitiveAt <= WINDOW_MILLIS) {
            for (String label : sensitiveLabels) {
                String sequence = label + "->" + call.tool();
                int before = seen.getOrDefault(sequence, 0);
                if (before == 0 && finding == null && history >= settings.learnCalls()) {
                    finding = new Finding(callsSince, "egress " + call.tool() + " " + callsSince + " calls after "
                            + label + " output of " + sensitiveTool + ", never done before",
                            Map.of("sensitiveTool", sensitiveTool, "label", label, "callsBetween", callsSince));
                }
                if (seen.containsKey(sequence) || seen.size() < MAX_SEQUENCES) {
                    seen.put(sequence, before + 1);
                }
            }
        }
        if (call.outcome() == CallEvent.Outcome.ALLOWED) {
            java.util.Set<String> labels = new java.util.TreeSet<>(call.labels());
            labels.retainAll(settings.sensitiveLabels());
            if (!labels.isEmpty()) {
                sensitiveAt = time;
                sensitiveTool = call.tool();
                sensitiveLabels = labels;
                callsSince = 0;
            }
        }
        return finding;
    }
}
