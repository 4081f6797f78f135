package dev.bulwark.server.gateway;

import dev.bulwark.identity.AuthorizationCodeFlow;
import dev.bulwark.identity.CodeGrants;
import dev.bulwark.identity.OidcFederation;
import dev.bulwark.identity.PendingLogins;
import dev.bulwark.identity.SqlOAuthClients;
import dev.bulwark.identity.TokenThrottle;
import java.util.Optional;

/**
 * Interactive login for people's own MCP clients ({@code identity.oauth.enabled}): registered clients, the
 * authorization code flow, logins in progress, and the throttle of failed logins and registrations.
 *
 * @param registrationAgent the agent dynamically registered clients act as; empty: registration is refused
 * @param federation        the external OpenID provider users may log in at, if configured
 */
public record InteractiveLogin(SqlOAuthClients clients, AuthorizationCodeFlow flow, CodeGrants grants,
                               PendingLogins logins,
                               TokenThrottle throttle, Optional<String> registrationAgent,
                               Optional<Federation> federation) {
    /** The external OpenID provider, and the label of its button on the login page. */
    public record Federation(OidcFederation relyingParty, String label, java.net.URI issuer) {}
}
