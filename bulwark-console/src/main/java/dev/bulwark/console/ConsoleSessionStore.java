package dev.bulwark.console;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where console sessions live: this gateway's memory ({@link #inMemory()}) or a database shared by replicas
 * ({@link JdbcConsoleSessionStore}). A row holds what {@link SessionSeal} derives, never the session id, the CSRF
 * token or the credential in the clear.
 */
public interface ConsoleSessionStore {
    /**
     * One stored session.
     *
     * @param lookup    hash of the session id
     * @param userId    who signed in
     * @param role      the console role at sign-in
     * @param roles     the user's registered roles (shown only)
     * @param sealed    the credential, sealed under a key derived from the session id
     * @param createdAt sign-in time
     * @param lastSeen  the last request
     */
    record Row(String lookup, String userId, ConsoleRole role, Set<String> roles, byte[] sealed, Instant createdAt,
               Instant lastSeen) {
        public Row {
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            Objects.requireNonNull(sealed, "sealed");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /** Adds a session unless {@code max} live ones (seen after {@code idleSince}, created after {@code bornSince}) exist. */
    boolean insert(Row row, int max, Instant idleSince, Instant bornSince);

    Optional<Row> find(String lookup);

    void touch(String lookup, Instant lastSeen);

    void delete(String lookup);

    /** Sessions held, expired ones not yet swept included. */
    int size();

    static ConsoleSessionStore inMemory() {
        return new MemoryConsoleSessionStore();
    }
}
