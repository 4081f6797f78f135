package dev.bulwark.documents;

import java.util.Locale;

/** Whether a document's source is trusted to give instructions; external sources are untrusted by default. */
public enum Integrity {
    TRUSTED,
    UNTRUSTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Integrity fromLabel(String label) {
        for (Integrity value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown integrity '" + label + "' (expected trusted or untrusted)");
    }
}
