package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * Who asks to restore a token, for what, and with which roles, as verified by the caller (the admin API checks the
 * credential; the vault checks this against its {@link RestorePolicy}).
 *
 * @param principalId the verified caller
 * @param roles       the caller's roles
 * @param sessionId   the session the caller is entitled to, or {@code *} for any (an administrator's grant)
 * @param reason      why, recorded with the restore
 */
public record RestoreAuthorisation(String principalId, Set<String> roles, String sessionId, String reason) {
    public RestoreAuthorisation {
        Checks.nonBlank(principalId, "principalId");
        roles = Set.copyOf(Checks.present(roles, "roles"));
        Checks.nonBlank(sessionId, "sessionId");
        Checks.nonBlank(reason, "reason");
    }
}
