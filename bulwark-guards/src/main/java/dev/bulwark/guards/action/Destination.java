package dev.bulwark.guards.action;

/** Where a text is going; each destination has its own rules. */
public enum Destination {
    /** Tool output on its way to the model. */
    TOOL_OUTPUT,
    /** Arguments of a call that leaves the gateway (HTTP egress, external tools). */
    EGRESS_ARGUMENTS,
    /** Audit records and logs. */
    AUDIT
}
