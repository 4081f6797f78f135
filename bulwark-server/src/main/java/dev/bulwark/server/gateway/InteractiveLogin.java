package dev.bulwark.server.gateway;

import dev.bulwark.identity.AuthorizationCodeFlow;
import dev.bulwark.identity.PendingLogins;
import dev.bulwark.identity.SqlOAuthClients;
import dev.bulwark.identity.TokenThrottle;
import java.util.Optional;

/**
 * Interactive login for people's own MCP clients ({@code identity.oauth.enabled}): registered clients, the
 * authorization code flow, logins in progress, and the throttle of failed logins and registrations.
 *
 * @param registrationAgent the agent dynamically registered clients act as; empty: registration is refused
 */
public record InteractiveLogin(SqlOAuthClients clients, AuthorizationCodeFlow flow, PendingLogins logins,
                               TokenThrottle throttle, Optional<String> registrationAgent) {}
