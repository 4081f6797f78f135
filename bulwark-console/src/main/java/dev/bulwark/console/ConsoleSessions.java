package dev.bulwark.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions in this gateway's memory. A session ends when idle too long, when older than its maximum age,
 * on sign-out, and when its credential no longer authenticates (checked by the servlet on every request).
 */
final class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final ConsoleOptions options;
    private final Clock clock;

    ConsoleSessions(ConsoleOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** A new session with fresh id and CSRF token (a new id on every sign-in: no session fixation). */
    Optional<ConsoleSession> open(ConsoleUser user, String credential) {
        sweep();
        if (sessions.size() >= options.maxSessions()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession s = new ConsoleSession(random(), random(), user, credential, now, now);
        sessions.put(s.id(), s);
        return Optional.of(s);
    }

    /** The live session with this id, marked as used now; empty (and ended) when expired. */
    Optional<ConsoleSession> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleSession s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        ConsoleSession seen = s.seenAt(now);
        sessions.replace(id, s, seen);
        return Optional.of(seen);
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(ConsoleSession s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(options.idleTimeout()))
                || !now.isBefore(s.createdAt().plus(options.maxAge()));
    }

    private void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
