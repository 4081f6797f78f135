package dev.bulwark.server.gateway;

/**
 * Suspends an agent and revokes every token it holds, in the shared database: every replica reads both on every call
 * (agent status and the revocation list are not cached), so the agent's next call anywhere is refused, and its old
 * tokens stay refused after it is re-activated. The caller audits it (the admin API as {@code agent.kill}, anomaly
 * responses as {@code anomaly.response.kill}).
 */
public final class KillSwitch {
    private final Identity identity;

    public KillSwitch(Identity identity) {
        this.identity = identity;
    }

    /** Returns false when no such agent. */
    public boolean pull(String agentId) {
        if (identity.agents().suspend(agentId).isEmpty()) {
            return false;
        }
        identity.revocations().revokeTokensOf(agentId);
        return true;
    }
}
