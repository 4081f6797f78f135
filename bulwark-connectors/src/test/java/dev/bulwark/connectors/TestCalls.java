package dev.bulwark.connectors;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Builds allowed calls for connector tests. */
public final class TestCalls {
    private static final Principal PRINCIPAL = new Principal(
            new Agent("test-agent", "team-test", Set.of("tester"), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH),
            Optional.empty(), "token-1", Set.of(), Instant.now().plusSeconds(3600));

    private TestCalls() {}

    public static ToolCall call(Tool tool, Map<String, Object> arguments) {
        return new ToolCall(UUID.randomUUID().toString(), tool, arguments, PRINCIPAL, "session-1");
    }
}
