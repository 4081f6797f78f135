package dev.bulwark.server.config;

import java.time.Duration;

/**
 * Where sessions (agent tasks: labels seen, call history) live.
 *
 * @param store       {@code database} (default): in the gateway's database, shared by replicas on it and kept across
 *                    restarts; {@code memory}: this process only, forgotten on restart (a single test gateway)
 * @param ttl         a session idle this long is forgotten and its task starts afresh (default {@code 1h})
 * @param maxSessions live sessions at most; new ones are refused beyond (default 100000)
 * @param maxLabels   distinct labels one session may hold; a call whose output would exceed it is withheld (default
 *                    64)
 */
public record SessionSettings(String store, String ttl, Integer maxSessions, Integer maxLabels) {
    public SessionSettings {
        store = store == null || store.isBlank() ? "database" : store;
        if (!store.equals("database") && !store.equals("memory")) {
            throw new IllegalArgumentException("sessions.store must be database or memory");
        }
        ttl = ttl == null || ttl.isBlank() ? "1h" : ttl;
        Durations.parse(ttl, "sessions.ttl");
        maxSessions = maxSessions == null ? 100_000 : maxSessions;
        if (maxSessions < 1 || maxSessions > 10_000_000) {
            throw new IllegalArgumentException("sessions.maxSessions must be between 1 and 10000000");
        }
        maxLabels = maxLabels == null ? 64 : maxLabels;
        if (maxLabels < 1 || maxLabels > 10_000) {
            throw new IllegalArgumentException("sessions.maxLabels must be between 1 and 10000");
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(null, null, null, null);
    }

    public Duration idleTimeout() {
        return Durations.parse(ttl, "sessions.ttl");
    }

    public boolean inDatabase() {
        return store.equals("database");
    }
}
