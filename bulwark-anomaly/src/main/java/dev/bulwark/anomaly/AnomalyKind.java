package dev.bulwark.anomaly;

import java.util.Locale;

/** What deviated from the baseline. Each kind has one detector. */
public enum AnomalyKind {
    /** Calls per minute far above the principal's own rate. */
    CALL_RATE,
    /** A tool or connector the principal never used, when its history says new tools are rare. */
    FIRST_USE,
    /** One call read far more (bytes, rows, documents) than the principal's calls of that tool usually do. */
    DATA_VOLUME,
    /** Many refused calls in a short stretch, beyond the principal's own refusal rate. */
    DENIAL_BURST,
    /** Calls at hours of the day the principal is never active. */
    UNUSUAL_HOURS,
    /** More connectors touched in a short window than the principal ever touches. */
    FAN_OUT,
    /** Data labelled secret or PII read, then an egress tool called, unlike the principal's habit. */
    SENSITIVE_SEQUENCE,
    /** Prompt-injection findings in tool output, repeatedly, beyond the principal's own rate. */
    REPEATED_INJECTION,
    /** Tools the session's declared intent does not explain. */
    OUTSIDE_INTENT;

    /** The kind as written in configuration, audit actions and the API: {@code call-rate}, {@code first-use}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AnomalyKind fromLabel(String label) {
        for (AnomalyKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown anomaly kind '" + label + "'");
    }
}
