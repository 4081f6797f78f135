package dev.bulwark.spi.audit;

/** How the recorded action ended. */
public enum Outcome {
    /** Carried out. */
    SUCCEEDED,
    /** Refused by policy, validation or authentication. */
    DENIED,
    /** Allowed but failed while executing (connector error, guard failure). */
    FAILED,
    /** Begun, not yet concluded: only on {@link AuditEventType#TOOL_ATTEMPT} records. */
    ATTEMPTED
}
