package dev.bulwark.injection;

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
final class Calls {
    private Calls() {}

    static ToolCall to(String toolName, Set<String> outputLabels) {
        String connector = toolName.substring(0, toolName.indexOf('.'));
        Tool tool = new Tool(toolName, "test tool", "{\"type\":\"object\"}", ToolKind.READ, connector, outputLabels);
        Agent agent = new Agent("agent-1", "owner", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH);
        Principal principal = new Principal(agent, Optional.empty(), "token-1", Set.of(), Instant.EPOCH.plusSeconds(60));
        return new ToolCall("call-1", tool, Map.of(), principal, "session-1");
    }

    static ToolCall untrusted() {
        return to("web.fetch", Set.of("untrusted"));
    }
}
