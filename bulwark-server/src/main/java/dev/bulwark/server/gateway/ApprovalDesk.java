package dev.bulwark.server.gateway;

import dev.bulwark.approvals.SqlApproverKeys;
import dev.bulwark.identity.SqlAgentStore;
import dev.bulwark.identity.SqlUserStore;
import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalDecision.Reason;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who may decide approval requests, and the decisions. An approver is a registered user with the {@code approver}
 * role presenting their approver key. Nobody approves their own call: not the user the agent acted for, not the
 * agent (agents hold no approver keys, and agent and user ids are one namespace), not the requesting agent's owner.
 * The admin token may read and deny, never approve: an approval always names a human.
 */
public final class ApprovalDesk {
    public static final String APPROVER_ROLE = "approver";
    public static final String ADMIN = "admin";

    private final ApprovalStore store;
    private final SqlApproverKeys keys;
    private final SqlUserStore users;
    private final SqlAgentStore agents;
    private final Clock clock;

    public ApprovalDesk(ApprovalStore store, SqlApproverKeys keys, SqlUserStore users, SqlAgentStore agents,
                        Clock clock) {
        this.store = store;
        this.keys = keys;
        this.users = users;
        this.agents = agents;
        this.clock = clock;
    }

    /** The approver a presented key belongs to, if it is a current key of a user who holds the approver role. */
    public Optional<String> approverFor(String presentedKey) {
        return keys.userOf(presentedKey).filter(this::isApprover);
    }

    /**
     * A user with the approver role, other than one whose id is {@value #ADMIN}: decisions record who took them by
     * id, and a user named {@code admin} would be recorded exactly like the admin token.
     */
    private boolean isApprover(String userId) {
        return !userId.equals(ADMIN) && users.find(userId).map(User::roles).filter(r -> r.contains(APPROVER_ROLE)).isPresent();
    }

    /** Issues (or replaces) the approver key of a user holding the approver role. */
    public String issueKey(String userId) {
        if (!isApprover(userId)) {
            throw new IllegalArgumentException("user " + userId + " does not exist or lacks the '" + APPROVER_ROLE
                    + "' role" + (userId.equals(ADMIN) ? " (the id admin names the admin token in decisions)" : ""));
        }
        return keys.issue(userId);
    }

    public boolean revokeKey(String userId) {
        return keys.revoke(userId);
    }

    public Optional<ApprovalRequest> find(String id) {
        return store.find(id);
    }

    public List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
        return store.list(state, limit);
    }

    public ApprovalDecision approve(String id, String approverId) {
        if (approverId.equals(ADMIN) || !isApprover(approverId)) {
            return new ApprovalDecision.Refused(Reason.NOT_ALLOWED, "only a user with the '" + APPROVER_ROLE
                    + "' role may approve");
        }
        Optional<ApprovalRequest> request = store.find(id);
        if (request.isPresent()) {
            Optional<String> owner = agents.find(request.get().agentId()).map(Agent::owner);
            if (owner.filter(approverId::equals).isPresent()) {
                return new ApprovalDecision.Refused(Reason.NOT_ALLOWED,
                        "the owner of the requesting agent may not approve its calls");
            }
        }
        return store.approve(id, approverId, clock.instant());
    }

    /** Denies as an approver (their user id) or as {@link #ADMIN}. */
    public ApprovalDecision deny(String id, String deniedBy, String reason) {
        return store.deny(id, deniedBy, reason, clock.instant());
    }

    public Clock clock() {
        return clock;
    }
}
