package dev.bulwark.identity;

import java.util.Optional;

/** A token endpoint refusal on the way to an answer; carries what the client and the audit log are told. */
final class Refusal extends Exception {
    final OAuthError error;
    final String description;
    final String auditReason;
    final Optional<String> agentId;

    Refusal(OAuthError error, String description, String auditReason) {
        this(error, description, auditReason, Optional.empty());
    }

    Refusal(OAuthError error, String description, String auditReason, Optional<String> agentId) {
        super(auditReason, null, false, false);
        this.error = error;
        this.description = description;
        this.auditReason = auditReason;
        this.agentId = agentId;
    }
}
