package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ToolDetails;
import dev.bulwark.spi.tool.ToolExecution;
import dev.bulwark.spi.tool.ToolExecution.TaskSupport;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A pin keeps the {@code execution} (task support) last seen and the one approved, so that a review of a changed
 * tool shows the old and the new one.
 */
class PinnedExecutionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aChangedExecutionBlocksTheToolAndTheReviewShowsTheOldAndTheNew() {
        UpstreamTool optional = tool(new ToolExecution(TaskSupport.OPTIONAL));
        ToolPin first = Pinning.next(Optional.empty(), "up.echo", optional, optional.hash(),
                PinningMode.TRUST_ON_FIRST_USE, NOW);
        assertThat(first.seenExecution()).isEqualTo("{\"taskSupport\":\"optional\"}");
        assertThat(first.approvedExecution()).isEqualTo("{\"taskSupport\":\"optional\"}");

        UpstreamTool required = tool(new ToolExecution(TaskSupport.REQUIRED));
        ToolPin changed = Pinning.next(Optional.of(first), "up.echo", required, required.hash(),
                PinningMode.TRUST_ON_FIRST_USE, NOW);
        assertThat(changed.status()).isEqualTo(PinStatus.BLOCKED);
        assertThat(changed.approvedExecution()).isEqualTo("{\"taskSupport\":\"optional\"}");
        assertThat(changed.seenExecution()).isEqualTo("{\"taskSupport\":\"required\"}");

        ToolPin approved = changed.approved(NOW);
        assertThat(approved.approvedExecution()).isEqualTo("{\"taskSupport\":\"required\"}");

        // dropping execution altogether is a change too, shown as none
        UpstreamTool none = tool(null);
        ToolPin dropped = Pinning.next(Optional.of(approved), "up.echo", none, none.hash(),
                PinningMode.TRUST_ON_FIRST_USE, NOW);
        assertThat(dropped.status()).isEqualTo(PinStatus.BLOCKED);
        assertThat(dropped.seenExecution()).isNull();
        assertThat(dropped.approvedExecution()).isEqualTo("{\"taskSupport\":\"required\"}");
    }

    @Test
    void aPendingPinShowsWhatIsSeenAndNothingApproved() {
        UpstreamTool unstated = tool(ToolExecution.UNSTATED);
        ToolPin pending = Pinning.next(Optional.empty(), "up.echo", unstated, unstated.hash(), PinningMode.MANUAL,
                NOW);
        assertThat(pending.seenExecution()).isEqualTo("{}");
        assertThat(pending.approvedExecution()).isNull();
    }

    @Test
    void aPinFromBeforeExecutionWasKeptLearnsItWhenBackAtTheApprovedDefinition() {
        UpstreamTool optional = tool(new ToolExecution(TaskSupport.OPTIONAL));
        String approvedHash = optional.hash();
        // approved before pins kept execution, then blocked on another definition
        ToolPin old = new ToolPin("up.echo", PinStatus.BLOCKED, Optional.of(approvedHash), "f".repeat(64), "other",
                UpstreamTool.EMPTY_OBJECT_SCHEMA, NOW);
        ToolPin back = Pinning.next(Optional.of(old), "up.echo", optional, approvedHash,
                PinningMode.TRUST_ON_FIRST_USE, NOW);
        assertThat(back.status()).isEqualTo(PinStatus.APPROVED);
        assertThat(back.approvedExecution()).isEqualTo("{\"taskSupport\":\"optional\"}");
    }

    @Test
    void anExecutionThatIsNotAJsonObjectOfBoundedSizeIsNoPin() {
        String hash = "a".repeat(64);
        for (String bad : new String[] {"", " ", "optional", "[]", "{" + "x".repeat(ToolPin.MAX_EXECUTION_CHARS)}) {
            assertThatThrownBy(() -> new ToolPin("up.echo", PinStatus.APPROVED, Optional.of(hash), hash, "d",
                    UpstreamTool.EMPTY_OBJECT_SCHEMA, bad, null, NOW)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ToolPin("up.echo", PinStatus.APPROVED, Optional.of(hash), hash, "d",
                    UpstreamTool.EMPTY_OBJECT_SCHEMA, null, bad, NOW)).isInstanceOf(IllegalArgumentException.class);
        }
        // a pending pin was never approved: it has no approved execution
        assertThatThrownBy(() -> new ToolPin("up.echo", PinStatus.PENDING, Optional.empty(), hash, "d",
                UpstreamTool.EMPTY_OBJECT_SCHEMA, "{}", "{}", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static UpstreamTool tool(ToolExecution execution) {
        return new UpstreamTool("echo", "echo", "echoes", UpstreamTool.EMPTY_OBJECT_SCHEMA, null, null, null,
                ToolDetails.NONE.withExecution(execution));
    }
}
