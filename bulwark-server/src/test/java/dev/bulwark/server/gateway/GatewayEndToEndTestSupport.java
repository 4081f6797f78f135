package dev.bulwark.server.gateway;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;

/** Audit look-ups shared by end-to-end tests. */
final class GatewayEndToEndTestSupport {
    private GatewayEndToEndTestSupport() {}

    /** The text between spotlighting delimiters, or the whole text when the output was not spotlighted. */
    static String unspotlighted(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
        String text = ((io.modelcontextprotocol.spec.McpSchema.TextContent) result.content().get(0)).text();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?s)\\n<<(untrusted-[0-9a-f]+)>>\\n(.*)\\n<</\\1>>\\s*$").matcher(text);
        return m.find() ? m.group(2) : text;
    }

    static AuditRecord lastToolCall(Gateway gateway, String action) {
        return gateway.auditLog().tail(50).reversed().stream()
                .filter(r -> r.event().type() == AuditEventType.TOOL_CALL && r.event().action().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record for " + action));
    }
}
