package dev.bulwark.console;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the console runs.
 *
 * @param idleTimeout    a session unused this long ends
 * @param maxAge         a session ends this long after sign-in, used or not
 * @param maxSessions    sessions held at once; sign-in beyond it is refused (503) until one ends
 * @param secureCookie   mark the session cookie {@code Secure} (the gateway's public URL is https); requests that
 *                       arrive over TLS get it regardless
 * @param allowedOrigins origins (scheme://host[:port]) whose pages may send state-changing requests
 */
public record ConsoleOptions(Duration idleTimeout, Duration maxAge, int maxSessions, boolean secureCookie,
                             Set<String> allowedOrigins) {
    public ConsoleOptions {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxAge, "maxAge");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("console session lifetimes must be positive");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("console.maxSessions must be at least 1");
        }
        allowedOrigins = allowedOrigins == null ? Set.of() : Set.copyOf(allowedOrigins);
    }
}
