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
 * @param clientMetadataDocuments accept https URLs as client ids and fetch the client's metadata document there
 *                          (CIMD) under egress rules; such clients act as {@code registrationAgent} (default off)
 */
public record OAuthSettings(Boolean enabled, String registrationAgent, String codeTtl, String refreshTtl,
                            FederationSettings federation, Boolean clientMetadataDocuments) {
    public OAuthSettings(Boolean enabled, String registrationAgent, String codeTtl, String refreshTtl,
                         FederationSettings federation) {
        this(enabled, registrationAgent, codeTtl, refreshTtl, federation, null);
    }

    public OAuthSettings {
        clientMetadataDocuments = clientMetadataDocuments != null && clientMetadataDocuments;
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
        if (clientMetadataDocuments && registrationAgent == null) {
            throw new IllegalArgumentException("identity.oauth.clientMetadataDocuments needs registrationAgent: the"
                    + " agent such clients act as");
        }
    }

    public static OAuthSettings off() {
        return new OAuthSettings(false, null, null, null, null, null);
    }

    public Duration codeLifetime() {
        return Durations.parse(codeTtl, "identity.oauth.codeTtl");
    }

    public Duration refreshLifetime() {
        return Durations.parse(refreshTtl, "identity.oauth.refreshTtl");
    }
}
