package dev.bulwark.server.gateway;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;

/** Audit look-ups shared by end-to-end tests. */
final class GatewayEndToEndTestSupport {
    private GatewayEndToEndTestSupport() {}

    static AuditRecord lastToolCall(Gateway gateway, String action) {
        return gateway.auditLog().tail(50).reversed().stream()
                .filter(r -> r.event().type() == AuditEventType.TOOL_CALL && r.event().action().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record for " + action));
    }
}
