package dev.bulwark.server.gateway;

/**
 * Suspends an agent and revokes every token it holds, in the shared database: every replica reads both on every call
 * (agent status and the revocation list are not cached), so the agent's next call anywhere is refused, and its old
 * tokens stay refused after it is re-activated (its interactive logins are ended, so no refresh token from before the
 * kill mints new ones). Its pending approval requests and the approvals it has not used yet
 * are withdrawn too, so nothing approved for the killed agent runs after it is re-activated. The caller audits the
 * kill (the admin API as {@code agent.kill}, anomaly responses as {@code anomaly.response.kill}); the withdrawal is
 * audited as {@code approval.withdraw}.
 */
public final class KillSwitch {
    private final Identity identity;
    private final java.util.function.Function<String, java.util.List<String>> withdrawApprovals;

    /** @param withdrawApprovals withdraws an agent's pending and unused approvals, returning their ids */
    public KillSwitch(Identity identity,
                      java.util.function.Function<String, java.util.List<String>> withdrawApprovals) {
        this.identity = identity;
        this.withdrawApprovals = java.util.Objects.requireNonNull(withdrawApprovals, "withdrawApprovals");
    }

    /** Returns false when no such agent. */
    public boolean pull(String agentId) {
        if (identity.agents().suspend(agentId).isEmpty()) {
            return false;
        }
        identity.revocations().revokeTokensOf(agentId);
        // interactive logins through the agent: their refresh tokens would mint new tokens after re-activation
        identity.oauth().ifPresent(login -> login.grants().revokeLoginsOfAgent(agentId));
        withdrawApprovals.apply(agentId);
        return true;
    }
}
