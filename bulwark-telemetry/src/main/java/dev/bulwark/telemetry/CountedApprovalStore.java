package dev.bulwark.telemetry;

import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An approval store that counts requests opened and decided (approved, denied, expired) through this gateway. It
 * changes nothing: every answer is the store's.
 */
final class CountedApprovalStore implements ApprovalStore {
    private final ApprovalStore store;
    private final CallMetrics metrics;

    CountedApprovalStore(ApprovalStore store, CallMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public ApprovalRequest openOrReuse(ApprovalRequest request) {
        ApprovalRequest stored = store.openOrReuse(request);
        if (stored.id().equals(request.id())) {
            metrics.approvalOpened();
        }
        return stored;
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return store.find(id);
    }

    @Override
    public List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
        return store.list(state, limit);
    }

    @Override
    public ApprovalDecision approve(String id, String approver, Instant now) {
        return counted(store.approve(id, approver, now));
    }

    @Override
    public ApprovalDecision deny(String id, String deniedBy, String reason, Instant now) {
        return counted(store.deny(id, deniedBy, reason, now));
    }

    @Override
    public Optional<ApprovalRequest> consume(String binding, Instant now) {
        return store.consume(binding, now);
    }

    @Override
    public List<String> expireDue(Instant now) {
        List<String> expired = store.expireDue(now);
        if (!expired.isEmpty()) {
            metrics.approvalDecided("expired", expired.size());
        }
        return expired;
    }

    @Override
    public List<String> withdrawAllOf(String agentId, String deniedBy, String reason, Instant now) {
        List<String> withdrawn = store.withdrawAllOf(agentId, deniedBy, reason, now);
        if (!withdrawn.isEmpty()) {
            metrics.approvalDecided("denied", withdrawn.size());
        }
        return withdrawn;
    }

    @Override
    public int pendingOf(String agentId, Optional<String> userId, String binding, Instant now) {
        return store.pendingOf(agentId, userId, binding, now);
    }

    /** A first approval of a four-eyes request leaves it pending: only final decisions count. */
    private ApprovalDecision counted(ApprovalDecision decision) {
        if (decision instanceof ApprovalDecision.Recorded recorded
                && recorded.request().state() != ApprovalState.PENDING) {
            metrics.approvalDecided(recorded.request().state().label(), 1);
        }
        return decision;
    }
}
