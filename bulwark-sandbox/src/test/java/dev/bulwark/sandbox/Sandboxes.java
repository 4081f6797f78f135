package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Opens sandboxes for tests (failing, never skipping, when the host cannot isolate) and makes calls. */
final class Sandboxes {
    private static final Principal PRINCIPAL = new Principal(
            new Agent("test-agent", "team-test", Set.of("tester"), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH),
            Optional.empty(), "token-1", Set.of(), Instant.now().plusSeconds(3600));

    private Sandboxes() {}

    /** Short limits, so that each escape attempt ends in seconds. */
    static SandboxOptions.Limits fast() {
        return new SandboxOptions.Limits(2, Duration.ofSeconds(3), 256L << 20, 32, 4L << 20, 64, 8L << 20,
                16 << 10, 256 << 10);
    }

    static SandboxConnector open(Path scratch, SandboxOptions.Limits limits, boolean perSession) {
        SandboxOptions options = SandboxOptions.defaults(scratch).withLimits(limits).withPerSession(perSession);
        SandboxConnector connector = SandboxConnector.open(options, Clock.systemUTC());
        assertThat(connector.isolation().ready())
                .as("the sandbox must work on this host (.ci/run installs bubblewrap): %s",
                        connector.isolation().summary())
                .isTrue();
        return connector;
    }

    static ToolResult run(SandboxConnector connector, String language, String code) throws Exception {
        return run(connector, "session-1", Map.of("language", language, "code", code));
    }

    static ToolResult run(SandboxConnector connector, String session, Map<String, Object> arguments)
            throws Exception {
        return connector.call(new ToolCall(UUID.randomUUID().toString(), connector.tools().get(0),
                new LinkedHashMap<>(arguments), PRINCIPAL, session), (progress, total, message) -> { });
    }
}
