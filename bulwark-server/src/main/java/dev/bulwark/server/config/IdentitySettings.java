package dev.bulwark.server.config;

import java.time.Duration;

/**
 * @param tokenTtl     lifetime of access tokens (default 15m, at most 24h)
 * @param userTokenTtl longest lifetime of user tokens minted by admins for delegation (default 1h, at most 24h); the
 *                     verifier refuses user tokens living longer
 * @param clockSkew    tolerance when checking expiry (default 30s)
 * @param throttle     throttling of failed attempts at the token endpoint
 * @param oauth        interactive login for people's own MCP clients (off by default)
 */
public record IdentitySettings(String tokenTtl, String userTokenTtl, String clockSkew, ThrottleSettings throttle,
                               OAuthSettings oauth) {
    public IdentitySettings(String tokenTtl, String userTokenTtl, String clockSkew) {
        this(tokenTtl, userTokenTtl, clockSkew, null, null);
    }

    public IdentitySettings(String tokenTtl, String userTokenTtl, String clockSkew, ThrottleSettings throttle) {
        this(tokenTtl, userTokenTtl, clockSkew, throttle, null);
    }

    public IdentitySettings {
        oauth = oauth == null ? OAuthSettings.off() : oauth;
        throttle = throttle == null ? ThrottleSettings.defaults() : throttle;
        tokenTtl = tokenTtl == null ? "15m" : tokenTtl;
        userTokenTtl = userTokenTtl == null ? "1h" : userTokenTtl;
        clockSkew = clockSkew == null ? "30s" : clockSkew;
        if (Durations.parse(tokenTtl, "identity.tokenTtl").compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("identity.tokenTtl must be at most 24h: tokens are meant to be short-lived");
        }
        if (Durations.parse(userTokenTtl, "identity.userTokenTtl").compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("identity.userTokenTtl must be at most 24h");
        }
        if (Durations.parse(clockSkew, "identity.clockSkew").compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("identity.clockSkew must be at most 5m");
        }
    }

    public Duration tokenLifetime() {
        return Durations.parse(tokenTtl, "identity.tokenTtl");
    }

    public Duration userTokenLifetime() {
        return Durations.parse(userTokenTtl, "identity.userTokenTtl");
    }

    public Duration skew() {
        return Durations.parse(clockSkew, "identity.clockSkew");
    }
}
