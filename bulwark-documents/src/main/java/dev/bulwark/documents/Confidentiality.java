package dev.bulwark.documents;

import java.util.Locale;

/** How secret a document is, in increasing order; the label carried by every chunk of it. */
public enum Confidentiality {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    SECRET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Confidentiality fromLabel(String label) {
        for (Confidentiality value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown confidentiality '" + label
                + "' (expected public, internal, confidential or secret)");
    }
}
