package dev.bulwark.spi.approval;

import java.util.Locale;

/**
 * Where an approval request stands. Only {@link #PENDING} may be approved or denied; only {@link #APPROVED} may be
 * consumed, once. {@link #DENIED}, {@link #EXPIRED} and {@link #CONSUMED} are final.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CONSUMED;

    /** The state as stored and shown: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or requested label; throws on anything else. */
    public static ApprovalState fromLabel(String label) {
        for (ApprovalState s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown approval state: " + label);
    }

    public boolean isFinal() {
        return this == DENIED || this == EXPIRED || this == CONSUMED;
    }
}
