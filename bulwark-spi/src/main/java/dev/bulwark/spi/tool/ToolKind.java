package dev.bulwark.spi.tool;

import java.util.Locale;

/** What a tool does to the world; policies group tools by kind. */
public enum ToolKind {
    READ,
    WRITE,
    EGRESS,
    EXECUTE;

    /** The lower-case name used in configuration and policies. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ToolKind fromLabel(String label) {
        for (ToolKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown tool kind '" + label + "' (expected read, write, egress or execute)");
    }
}
