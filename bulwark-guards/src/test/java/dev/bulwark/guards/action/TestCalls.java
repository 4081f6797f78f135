package dev.bulwark.guards.action;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tool calls for guard tests. */
final class TestCalls {
    private TestCalls() {}

    static ToolCall call(String sessionId) {
        Agent agent = new Agent("agent-1", "owner", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH);
        Principal principal = new Principal(agent, Optional.empty(), "tok-1", Set.of(), Instant.EPOCH.plusSeconds(3600));
        Tool tool = new Tool("crm.lookup", "looks up a customer", "{\"type\":\"object\"}", ToolKind.READ, "crm",
                Set.of());
        return new ToolCall("call-1", tool, Map.of(), principal, sessionId);
    }
}
