package dev.bulwark.spi.audit;

/** What an audit event records. */
public enum AuditEventType {
    /** A tools/call through the pipeline, whatever its outcome. */
    TOOL_CALL,
    /** A credential refused, or a token issued, exchanged or revoked. */
    AUTHENTICATION,
    /** A request that was not a valid protocol message (malformed JSON-RPC, wrong content type, too large). */
    PROTOCOL,
    /** An administrative change: agents, policies, approvals of upstream tools. */
    ADMIN,
    /** Gateway life cycle and configuration (start, stop, policy reload). */
    SYSTEM
}
