package dev.bulwark.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions, kept in a {@link ConsoleSessionStore}. A session ends when idle too long, when older than its
 * maximum age, on sign-out, and when its credential no longer authenticates (checked by the servlet on every request).
 * The store is keyed by a hash of the session id; the CSRF token and the credential are derived from or sealed under
 * the id ({@link SessionSeal}), so they exist in the clear only while a request that carries the cookie runs.
 */
final class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A session's last-seen time is written at most this often (one write per request would be wasted). */
    private static final java.time.Duration TOUCH_EVERY = java.time.Duration.ofSeconds(15);
    private final ConsoleSessionStore store;
    private final ConsoleOptions options;
    private final Clock clock;

    ConsoleSessions(ConsoleSessionStore store, ConsoleOptions options, Clock clock) {
        this.store = store;
        this.options = options;
        this.clock = clock;
    }

    /** A new session with fresh id and CSRF token (a new id on every sign-in: no session fixation). */
    Optional<ConsoleSession> open(ConsoleUser user, String credential) {
        Instant now = clock.instant();
        String id = random();
        ConsoleSessionStore.Row row = new ConsoleSessionStore.Row(SessionSeal.lookup(id), user.id(), user.role(),
                user.roles(), SessionSeal.seal(id, credential), now, now);
        if (!store.insert(row, options.maxSessions(), now.minus(options.idleTimeout()), now.minus(options.maxAge()))) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleSession(id, SessionSeal.csrf(id), user, credential, now, now));
    }

    /** The live session with this id, marked as used now; empty (and ended) when expired or unreadable. */
    Optional<ConsoleSession> touch(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        String lookup = SessionSeal.lookup(id);
        ConsoleSessionStore.Row row;
        try {
            row = store.find(lookup).orElse(null);
        } catch (RuntimeException e) {
            return Optional.empty(); // a store that cannot answer signs nobody in
        }
        if (row == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<String> credential = SessionSeal.open(id, row.sealed());
        if (expired(row, now) || credential.isEmpty()) {
            store.delete(lookup);
            return Optional.empty();
        }
        if (!now.isBefore(row.lastSeen().plus(TOUCH_EVERY))) {
            store.touch(lookup, now);
        }
        ConsoleUser user = new ConsoleUser(row.userId(), row.role(), row.roles());
        return Optional.of(new ConsoleSession(id, SessionSeal.csrf(id), user, credential.get(), row.createdAt(), now));
    }

    void end(String id) {
        if (id != null) {
            store.delete(SessionSeal.lookup(id));
        }
    }

    int size() {
        return store.size();
    }

    private boolean expired(ConsoleSessionStore.Row s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(options.idleTimeout()))
                || !now.isBefore(s.createdAt().plus(options.maxAge()));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
