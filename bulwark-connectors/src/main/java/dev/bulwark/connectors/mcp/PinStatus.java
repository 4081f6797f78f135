package dev.bulwark.connectors.mcp;

import java.util.Locale;

/** Whether a pinned upstream tool may be offered. */
public enum PinStatus {
    /** The definition seen upstream is the approved one: the tool is offered. */
    APPROVED,
    /** Never approved (manual pinning): not offered until an administrator approves it. */
    PENDING,
    /** The definition changed after approval: not offered, calls refused, until approved again. */
    BLOCKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
