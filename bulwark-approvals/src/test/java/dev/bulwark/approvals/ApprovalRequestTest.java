package dev.bulwark.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An approval request that exists is consistent: the record refuses impossible states. */
class ApprovalRequestTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    static ApprovalRequest make(String id, String binding, int required, List<String> approvers, ApprovalState state,
                                Optional<String> deniedBy, Optional<Instant> consumedAt, Instant expiresAt) {
        return new ApprovalRequest(id, binding, "crm.delete", "bot", Optional.empty(), "s", Map.of(),
                List.of("p"), List.of(), Map.of(), required, approvers, state, T0, expiresAt, deniedBy,
                Optional.empty(), Optional.empty(), consumedAt);
    }

    static ApprovalRequest make(int required, List<String> approvers, ApprovalState state) {
        return make("0123456789abcdef", "a".repeat(64), required, approvers, state, Optional.empty(),
                Optional.empty(), T0.plusSeconds(60));
    }

    @Test
    void refusesInconsistentStates() {
        assertThatThrownBy(() -> make(1, List.of(), ApprovalState.APPROVED)).hasMessageContaining("approver");
        assertThatThrownBy(() -> make(2, List.of("bob"), ApprovalState.APPROVED)).hasMessageContaining("approver");
        assertThatThrownBy(() -> make(1, List.of("bob"), ApprovalState.PENDING)).hasMessageContaining("pending");
        assertThatThrownBy(() -> make(2, List.of("bob", "bob"), ApprovalState.APPROVED)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> make(3, List.of(), ApprovalState.PENDING)).hasMessageContaining("1 or 2");
        assertThatThrownBy(() -> make(1, List.of(), ApprovalState.DENIED)).hasMessageContaining("denied");
        assertThatThrownBy(() -> make(1, List.of("bob"), ApprovalState.CONSUMED)).hasMessageContaining("consumed");
    }

    @Test
    void refusesMalformedIdsBindingsAndTimes() {
        assertThatThrownBy(() -> make("../etc", "a".repeat(64), 1, List.of(), ApprovalState.PENDING,
                Optional.empty(), Optional.empty(), T0.plusSeconds(1))).hasMessageContaining("id");
        assertThatThrownBy(() -> make("0123456789abcdef", "A".repeat(64), 1, List.of(), ApprovalState.PENDING,
                Optional.empty(), Optional.empty(), T0.plusSeconds(1))).hasMessageContaining("binding");
        assertThatThrownBy(() -> make("0123456789abcdef", "a".repeat(64), 1, List.of(), ApprovalState.PENDING,
                Optional.empty(), Optional.empty(), T0)).hasMessageContaining("expiresAt");
    }

    @Test
    void aPendingOrApprovedRequestPastItsExpiryReadsAsExpired() {
        ApprovalRequest pending = make(1, List.of(), ApprovalState.PENDING);
        assertThat(pending.stateAt(T0.plusSeconds(59))).isEqualTo(ApprovalState.PENDING);
        assertThat(pending.stateAt(T0.plusSeconds(60))).isEqualTo(ApprovalState.EXPIRED);
        ApprovalRequest consumed = make("0123456789abcdef", "a".repeat(64), 1, List.of("bob"),
                ApprovalState.CONSUMED, Optional.empty(), Optional.of(T0), T0.plusSeconds(60));
        assertThat(consumed.stateAt(T0.plusSeconds(600))).isEqualTo(ApprovalState.CONSUMED);
        assertThat(pending.handle()).isEqualTo("approval:0123456789abcdef");
    }
}
