package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolPinTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    private static ToolPin pin(String tool, PinStatus status, Optional<String> approved, String seen) {
        return new ToolPin(tool, status, approved, seen, "", "{}", Instant.EPOCH);
    }

    @Test
    void holdsOnlyConsistentStates() {
        assertThat(pin("up.echo", PinStatus.APPROVED, Optional.of(A), A).allows(A)).isTrue();
        assertThat(pin("up.echo", PinStatus.BLOCKED, Optional.of(A), B).allows(B)).isFalse();
        assertThat(pin("up.echo", PinStatus.PENDING, Optional.empty(), B).allows(B)).isFalse();
        assertThatThrownBy(() -> pin("up.echo", PinStatus.APPROVED, Optional.of(A), B))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pin("up.echo", PinStatus.BLOCKED, Optional.of(A), A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pin("up.echo", PinStatus.BLOCKED, Optional.empty(), A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pin("up.echo", PinStatus.PENDING, Optional.of(A), A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pin("up.echo", PinStatus.APPROVED, Optional.of("ABC"), "ABC"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pin("echo", PinStatus.PENDING, Optional.empty(), A))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void approvingRecordsTheSeenDefinition() {
        ToolPin approved = pin("up.echo", PinStatus.BLOCKED, Optional.of(A), B).approved(Instant.EPOCH);
        assertThat(approved.status()).isEqualTo(PinStatus.APPROVED);
        assertThat(approved.approvedHash()).contains(B);
        assertThat(approved.connector()).isEqualTo("up");
    }
}
