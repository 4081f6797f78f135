package dev.bulwark.server.config;

import dev.bulwark.identity.TokenThrottle;

/**
 * Throttling of failed attempts at the token endpoint (see {@link TokenThrottle}); every key optional.
 *
 * @param window                    time in which each failure allowance refills (default 5m)
 * @param failuresPerClientAndSource failures per (client id, source address) per window (default 5)
 * @param failuresPerSource         failures per source address (IPv6: /64) per window, over all clients (default 20)
 * @param failuresPerClient         failures per client id per window over all sources; when spent, only sources
 *                                  that failed for the client wait (default 20)
 * @param maxTrackedKeys            most keys each failure map holds (default 100000)
 */
public record ThrottleSettings(String window, Integer failuresPerClientAndSource, Integer failuresPerSource,
                               Integer failuresPerClient, Long maxTrackedKeys) {
    public ThrottleSettings {
        TokenThrottle.Settings d = TokenThrottle.Settings.DEFAULTS;
        window = window == null ? "5m" : window;
        failuresPerClientAndSource = failuresPerClientAndSource == null ? d.failuresPerPair()
                : failuresPerClientAndSource;
        failuresPerSource = failuresPerSource == null ? d.failuresPerSource() : failuresPerSource;
        failuresPerClient = failuresPerClient == null ? d.failuresPerClient() : failuresPerClient;
        maxTrackedKeys = maxTrackedKeys == null ? d.maxTrackedKeys() : maxTrackedKeys;
        settings(window, failuresPerClientAndSource, failuresPerSource, failuresPerClient, maxTrackedKeys);
    }

    public static ThrottleSettings defaults() {
        return new ThrottleSettings(null, null, null, null, null);
    }

    public TokenThrottle.Settings settings() {
        return settings(window, failuresPerClientAndSource, failuresPerSource, failuresPerClient, maxTrackedKeys);
    }

    private static TokenThrottle.Settings settings(String window, int pair, int source, int client, long keys) {
        try {
            return new TokenThrottle.Settings(Durations.parse(window, "identity.throttle.window"), pair, source,
                    client, keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("identity.throttle: " + e.getMessage(), e);
        }
    }
}
