package dev.bulwark.spi.audit;

/** What an audit event records. */
public enum AuditEventType {
    /** A tools/call through the pipeline, whatever its outcome. */
    TOOL_CALL,
    /**
     * A call to a tool with side effects (write, egress, execute) about to reach its connector: written and committed
     * before the connector runs, with outcome {@link Outcome#ATTEMPTED}. The {@link #TOOL_CALL} record with the same
     * {@code details.callId} concludes it; an attempt with no conclusion is a side effect whose outcome is unknown
     * (the process died in between).
     */
    TOOL_ATTEMPT,
    /** A credential refused, or a token issued, exchanged or revoked. */
    AUTHENTICATION,
    /** A request that was not a valid protocol message (malformed JSON-RPC, wrong content type, too large). */
    PROTOCOL,
    /** An administrative change: agents, policies, approvals of upstream tools. */
    ADMIN,
    /** Gateway life cycle and configuration (start, stop, policy reload). */
    SYSTEM,
    /**
     * A deviation from a principal's behavioural baseline ({@code anomaly.<kind>}) or an automatic response to one
     * ({@code anomaly.response.<action>}).
     */
    ANOMALY,
    /**
     * A request an upstream sent to the agent's client during a call ({@code relay.sampling},
     * {@code relay.elicitation}, {@code relay.roots}), relayed or refused; contents redacted. Also an agent's
     * subscription to an upstream resource ({@code relay.subscribe}, {@code relay.unsubscribe}), allowed or refused.
     */
    RELAY
}
