package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalDecision.Reason;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The approval store contract in memory, for pipeline tests; can be told to fail. */
final class InMemoryApprovalStore implements ApprovalStore {
    final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    volatile boolean failing;

    @Override
    public synchronized ApprovalRequest openOrReuse(ApprovalRequest request) {
        check();
        for (ApprovalRequest r : requests.values()) {
            if (r.binding().equals(request.binding()) && r.stateAt(request.createdAt()) == ApprovalState.PENDING) {
                return r;
            }
        }
        requests.put(request.id(), request);
        return request;
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String id) {
        check();
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
        return requests.values().stream().filter(r -> state.isEmpty() || r.state() == state.get())
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized ApprovalDecision approve(String id, String approver, Instant now) {
        check();
        ApprovalRequest r = requests.get(id);
        if (r == null) {
            return new ApprovalDecision.Refused(Reason.NOT_FOUND, "no such request");
        }
        if (r.stateAt(now) != ApprovalState.PENDING) {
            return new ApprovalDecision.Refused(Reason.NOT_PENDING, "not pending");
        }
        if (r.approvers().contains(approver) || r.agentId().equals(approver)
                || r.userId().filter(approver::equals).isPresent()) {
            return new ApprovalDecision.Refused(Reason.NOT_ALLOWED, "not allowed");
        }
        List<String> approvers = new ArrayList<>(r.approvers());
        approvers.add(approver);
        boolean done = approvers.size() >= r.requiredApprovals();
        ApprovalRequest next = new ApprovalRequest(r.id(), r.binding(), r.tool(), r.agentId(), r.userId(),
                r.sessionId(), r.arguments(), r.policyIds(), r.reasons(), r.facts(), r.requiredApprovals(), approvers,
                done ? ApprovalState.APPROVED : ApprovalState.PENDING, r.createdAt(), r.expiresAt(), Optional.empty(),
                Optional.empty(), done ? Optional.of(now) : Optional.empty(), Optional.empty());
        requests.put(id, next);
        return new ApprovalDecision.Recorded(next);
    }

    @Override
    public synchronized ApprovalDecision deny(String id, String deniedBy, String reason, Instant now) {
        check();
        ApprovalRequest r = requests.get(id);
        if (r == null || r.stateAt(now) != ApprovalState.PENDING) {
            return new ApprovalDecision.Refused(Reason.NOT_PENDING, "not pending");
        }
        ApprovalRequest next = new ApprovalRequest(r.id(), r.binding(), r.tool(), r.agentId(), r.userId(),
                r.sessionId(), r.arguments(), r.policyIds(), r.reasons(), r.facts(), r.requiredApprovals(),
                r.approvers(), ApprovalState.DENIED, r.createdAt(), r.expiresAt(), Optional.of(deniedBy),
                Optional.of(reason), Optional.of(now), Optional.empty());
        requests.put(id, next);
        return new ApprovalDecision.Recorded(next);
    }

    @Override
    public synchronized Optional<ApprovalRequest> consume(String binding, Instant now) {
        check();
        for (ApprovalRequest r : requests.values()) {
            if (r.binding().equals(binding) && r.stateAt(now) == ApprovalState.APPROVED) {
                ApprovalRequest used = new ApprovalRequest(r.id(), r.binding(), r.tool(), r.agentId(), r.userId(),
                        r.sessionId(), r.arguments(), r.policyIds(), r.reasons(), r.facts(), r.requiredApprovals(),
                        r.approvers(), ApprovalState.CONSUMED, r.createdAt(), r.expiresAt(), Optional.empty(),
                        Optional.empty(), r.decidedAt(), Optional.of(now));
                requests.put(r.id(), used);
                return Optional.of(used);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<String> expireDue(Instant now) {
        throw new UnsupportedOperationException("not used by the pipeline");
    }

    @Override
    public synchronized List<String> withdrawAllOf(String agentId, String deniedBy, String reason, Instant now) {
        throw new UnsupportedOperationException("not used by the pipeline");
    }

    @Override
    public synchronized int pendingOf(String agentId, Optional<String> userId, String binding, Instant now) {
        check();
        return (int) requests.values().stream().filter(r -> r.agentId().equals(agentId) && r.userId().equals(userId)
                && !r.binding().equals(binding) && r.stateAt(now) == ApprovalState.PENDING).count();
    }

    synchronized ApprovalRequest only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one approval request, got " + requests.values());
        }
        return requests.values().iterator().next();
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("database down");
        }
    }
}
