package dev.bulwark.server.config;

import java.time.Duration;

/**
 * Interactive login for people's own MCP clients (authorization code + PKCE); off unless {@code enabled}.
 *
 * @param enabled           offer the authorization code and refresh token grants, the login and consent pages
 * @param registrationAgent the agent that clients registered dynamically (RFC 7591) act as; without it dynamic
 *                          registration is refused, and no client can be registered
 * @param codeTtl           lifetime of authorization codes (default 60s, at most 10m)
 * @param refreshTtl        lifetime of a login's refresh tokens, not extended by rotation (default 12h, at most 30d)
 * @param federation        an external OpenID Connect provider users may log in at (optional)
 */
public record OAuthSettings(Boolean enabled, String registrationAgent, String codeTtl, String refreshTtl,
                            FederationSettings federation) {
    public OAuthSettings {
        enabled = enabled != null && enabled;
        codeTtl = codeTtl == null ? "60s" : codeTtl;
        refreshTtl = refreshTtl == null ? "12h" : refreshTtl;
        Duration code = Durations.parse(codeTtl, "identity.oauth.codeTtl");
        if (code.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("identity.oauth.codeTtl must be at most 10m: codes are short-lived");
        }
        if (Durations.parse(refreshTtl, "identity.oauth.refreshTtl").compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("identity.oauth.refreshTtl must be at most 30d");
        }
        if (registrationAgent != null && registrationAgent.isBlank()) {
            registrationAgent = null;
        }
    }

    public static OAuthSettings off() {
        return new OAuthSettings(false, null, null, null, null);
    }

    public Duration codeLifetime() {
        return Durations.parse(codeTtl, "identity.oauth.codeTtl");
    }

    public Duration refreshLifetime() {
        return Durations.parse(refreshTtl, "identity.oauth.refreshTtl");
    }
}
