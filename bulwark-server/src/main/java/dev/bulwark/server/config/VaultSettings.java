package dev.bulwark.server.config;

import java.time.Duration;
import java.util.Set;

/**
 * Where tokenized PII originals are kept.
 *
 * @param store      {@code database} (default): the gateway's database, shared by every replica on it and kept across
 *                   restarts; {@code memory}: this process only, lost on restart
 * @param retention  how long after it was last issued a token stays restorable (default 30d; database store only)
 * @param maxEntries bound on stored originals; new values are refused beyond it, which blocks the output carrying
 *                   them (default 1000000 for the database, 100000 in memory)
 */
public record VaultSettings(String store, String retention, Long maxEntries) {
    static final Set<String> STORES = Set.of("database", "memory");

    public VaultSettings {
        store = store == null || store.isBlank() ? "database" : store;
        if (!STORES.contains(store)) {
            throw new IllegalArgumentException("guards.pii.vault.store must be one of " + STORES);
        }
        retention = retention == null ? "30d" : retention;
        Durations.parse(retention, "guards.pii.vault.retention");
        maxEntries = maxEntries == null ? (store.equals("memory") ? 100_000L : 1_000_000L) : maxEntries;
        if (maxEntries < 1) {
            throw new IllegalArgumentException("guards.pii.vault.maxEntries must be positive");
        }
        if (store.equals("memory") && maxEntries > 10_000_000) {
            throw new IllegalArgumentException(
                    "guards.pii.vault.maxEntries must be at most 10000000 with store: memory");
        }
    }

    public static VaultSettings defaults() {
        return new VaultSettings(null, null, null);
    }

    public boolean inDatabase() {
        return store.equals("database");
    }

    public Duration retentionPeriod() {
        return Durations.parse(retention, "guards.pii.vault.retention");
    }
}
