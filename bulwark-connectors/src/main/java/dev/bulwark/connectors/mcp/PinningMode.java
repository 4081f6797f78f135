package dev.bulwark.connectors.mcp;

import java.util.Locale;

/** What happens to a tool the first time it is seen upstream. */
public enum PinningMode {
    /** Recorded as approved at first sight; any later change blocks it (trust on first use). */
    TRUST_ON_FIRST_USE("tofu"),
    /** Pending until an administrator approves it; later changes block it too. */
    MANUAL("manual");

    private final String label;

    PinningMode(String label) {
        this.label = label;
    }

    /** The name used in configuration: {@code tofu} or {@code manual}. */
    public String label() {
        return label;
    }

    public static PinningMode fromLabel(String label) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (PinningMode mode : values()) {
            if (mode.label.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown pinning mode '" + label + "' (expected tofu or manual)");
    }
}
