package dev.bulwark.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.mcp.PinStatus;
import dev.bulwark.connectors.mcp.ToolPin;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pin review (admin API, CLI, console) shows the tool's execution as approved and as seen now. */
class PinViewTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void aBlockedPinShowsTheApprovedAndTheSeenExecution() {
        ObjectNode view = Views.pin(new ToolPin("up.echo", PinStatus.BLOCKED, Optional.of(A), B, "echoes",
                "{\"type\":\"object\"}", "{\"taskSupport\":\"required\"}", "{\"taskSupport\":\"optional\"}",
                Instant.EPOCH));
        assertThat(view.path("approvedExecution").asText()).isEqualTo("{\"taskSupport\":\"optional\"}");
        assertThat(view.path("seenExecution").asText()).isEqualTo("{\"taskSupport\":\"required\"}");
        assertThat(view.path("seenDescription").asText()).isEqualTo("echoes");
    }

    @Test
    void aToolWithoutExecutionShowsNoneAsNull() {
        ObjectNode view = Views.pin(new ToolPin("up.echo", PinStatus.PENDING, Optional.empty(), B, "echoes",
                "{\"type\":\"object\"}", Instant.EPOCH));
        assertThat(view.has("seenExecution")).isTrue();
        assertThat(view.path("seenExecution").isNull()).isTrue();
        assertThat(view.path("approvedExecution").isNull()).isTrue();
    }
}
