package dev.bulwark.spi.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable approval requests, shared by every replica. Each state change is one atomic conditional update: of two
 * replicas racing to approve and deny the same request, exactly one wins, and an approval is consumed at most once.
 */
public interface ApprovalStore {

    /**
     * Stores {@code request} (pending) unless a pending, unexpired request with the same binding exists, which is
     * returned instead: repeating a paused call does not queue it twice.
     */
    ApprovalRequest openOrReuse(ApprovalRequest request);

    Optional<ApprovalRequest> find(String id);

    /** Requests in the given state (all when empty), newest first, at most {@code limit}. */
    List<ApprovalRequest> list(Optional<ApprovalState> state, int limit);

    /**
     * Adds {@code approver}'s approval to a pending, unexpired request: it becomes approved once it has the required
     * number of distinct approvers.
     */
    ApprovalDecision approve(String id, String approver, Instant now);

    /** Denies a pending request; final. */
    ApprovalDecision deny(String id, String deniedBy, String reason, Instant now);

    /**
     * Atomically marks one approved, unexpired request with this binding consumed and returns it; empty when there
     * is none (never approved, already used, or expired).
     */
    Optional<ApprovalRequest> consume(String binding, Instant now);

    /**
     * Marks pending and approved requests past their expiry as expired and returns their ids; a request expired by
     * another replica at the same moment is returned by exactly one of them.
     */
    List<String> expireDue(Instant now);

    /**
     * Denies every pending and every approved but unused, unexpired request of the agent, as {@code deniedBy} with
     * {@code reason}, and returns their ids: when an agent is killed, approvals given or asked for its calls must
     * not outlive the kill (a re-activated agent would otherwise run what was approved for the killed one).
     */
    List<String> withdrawAllOf(String agentId, String deniedBy, String reason, Instant now);

    /**
     * How many pending, unexpired requests the principal (agent, and user under delegation) has for calls other than
     * the one with {@code binding}: the approval step bounds them, so one agent cannot bury approvers' queue.
     */
    int pendingOf(String agentId, java.util.Optional<String> userId, String binding, Instant now);
}
