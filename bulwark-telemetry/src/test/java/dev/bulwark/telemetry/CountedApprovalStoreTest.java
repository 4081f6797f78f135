package dev.bulwark.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CountedApprovalStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ApprovalRequest request(String id, int required, List<String> approvers, ApprovalState state) {
        ApprovalRequest pending = ApprovalRequest.pending(id, "a".repeat(64), "crm.delete_customer", "agent-1",
                Optional.empty(), "s-1", Map.of(), List.of("ask-first"), List.of(), Map.of(), required, NOW,
                NOW.plusSeconds(600));
        return new ApprovalRequest(pending.id(), pending.binding(), pending.tool(), pending.agentId(),
                pending.userId(), pending.sessionId(), pending.arguments(), pending.policyIds(), pending.reasons(),
                pending.facts(), required, approvers, state, NOW, NOW.plusSeconds(600),
                state == ApprovalState.DENIED ? Optional.of("bob") : Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Answers what the test tells it to. */
    private static final class Scripted implements ApprovalStore {
        ApprovalRequest opened;
        ApprovalDecision decision;

        @Override
        public ApprovalRequest openOrReuse(ApprovalRequest request) {
            return opened;
        }

        @Override
        public Optional<ApprovalRequest> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
            return List.of();
        }

        @Override
        public ApprovalDecision approve(String id, String approver, Instant now) {
            return decision;
        }

        @Override
        public ApprovalDecision deny(String id, String deniedBy, String reason, Instant now) {
            return decision;
        }

        @Override
        public Optional<ApprovalRequest> consume(String binding, Instant now) {
            return Optional.empty();
        }

        @Override
        public List<String> expireDue(Instant now) {
            return List.of("expired-0001", "expired-0002");
        }

        @Override
        public List<String> withdrawAllOf(String agentId, String deniedBy, String reason, Instant now) {
            return List.of();
        }

        @Override
        public int pendingOf(String agentId, Optional<String> userId, String binding, Instant now) {
            return 0;
        }
    }

    @Test
    void countsNewRequestsAndFinalDecisionsOnly() {
        Telemetry telemetry = Telemetry.create(TelemetryOptions.defaults(), null, null);
        Scripted scripted = new Scripted();
        ApprovalStore store = telemetry.counted(scripted);
        ApprovalRequest fresh = request("request-0001", 2, List.of(), ApprovalState.PENDING);

        scripted.opened = fresh;
        store.openOrReuse(fresh);
        scripted.opened = request("request-0000", 2, List.of(), ApprovalState.PENDING); // reused: not new
        store.openOrReuse(fresh);
        scripted.decision = new ApprovalDecision.Recorded(request("request-0001", 2, List.of("alice"),
                ApprovalState.PENDING)); // first of four eyes
        store.approve("request-0001", "alice", NOW);
        scripted.decision = new ApprovalDecision.Recorded(request("request-0001", 2, List.of("alice", "carol"),
                ApprovalState.APPROVED));
        store.approve("request-0001", "carol", NOW);
        scripted.decision = new ApprovalDecision.Recorded(request("request-0003", 1, List.of(),
                ApprovalState.DENIED));
        store.deny("request-0003", "bob", "no", NOW);
        scripted.decision = new ApprovalDecision.Refused(ApprovalDecision.Reason.NOT_PENDING, "already decided");
        store.deny("request-0003", "bob", "no", NOW);
        store.expireDue(NOW);

        assertThat(telemetry.scrape().orElseThrow())
                .contains("bulwark_approvals_opened_total 1.0")
                .contains("bulwark_approvals_decided_total{decision=\"approved\"} 1.0")
                .contains("bulwark_approvals_decided_total{decision=\"denied\"} 1.0")
                .contains("bulwark_approvals_decided_total{decision=\"expired\"} 2.0");
    }

    @Test
    void withMetricsOffTheStoreIsReturnedUnwrapped() {
        Scripted scripted = new Scripted();
        assertThat(Telemetry.off().counted(scripted)).isSameAs(scripted);
    }
}
