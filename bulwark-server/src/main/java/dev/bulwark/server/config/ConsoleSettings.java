package dev.bulwark.server.config;

import java.time.Duration;

/**
 * The web console at {@code /console} (docs/security/console.md).
 *
 * @param enabled     serve the console (default true); off, {@code /console} is 404
 * @param idleTimeout a session unused this long ends (default 30m, at most 24h)
 * @param maxAge      a session ends this long after sign-in (default 8h, at most 7d)
 * @param maxSessions sessions held at once per gateway (default 1000)
 */
public record ConsoleSettings(Boolean enabled, String idleTimeout, String maxAge, Integer maxSessions) {
    public ConsoleSettings {
        enabled = enabled == null || enabled;
        idleTimeout = idleTimeout == null || idleTimeout.isBlank() ? "30m" : idleTimeout;
        maxAge = maxAge == null || maxAge.isBlank() ? "8h" : maxAge;
        maxSessions = maxSessions == null ? 1000 : maxSessions;
        Duration idle = Durations.parse(idleTimeout, "console.idleTimeout");
        Duration age = Durations.parse(maxAge, "console.maxAge");
        if (idle.isZero() || idle.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("console.idleTimeout must be more than 0 and at most 24h");
        }
        if (age.isZero() || age.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("console.maxAge must be more than 0 and at most 7d");
        }
        if (maxSessions < 1 || maxSessions > 100_000) {
            throw new IllegalArgumentException("console.maxSessions must be between 1 and 100000");
        }
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    public Duration idle() {
        return Durations.parse(idleTimeout, "console.idleTimeout");
    }

    public Duration age() {
        return Durations.parse(maxAge, "console.maxAge");
    }
}
