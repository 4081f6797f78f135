package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Tuning of a {@link JdbcAuditLog}.
 *
 * @param checkpointInterval a signed checkpoint is written at the latest every this many records
 * @param checkpointPeriod   ... and at the latest this long after the first record it would cover was written, so
 *                           that the records no checkpoint (and no anchor) covers yet are only the last moment's;
 *                           zero turns checkpoints by time off
 * @param queueCapacity      appends waiting for the writer at most; further appends wait for room (back-pressure)
 * @param maxBatch           records written in one transaction at most
 * @param appendTimeout      how long an append waits for room in the queue, and then for its commit, before it fails
 * @param sqliteSync         how hard SQLite flushes commits (ignored on PostgreSQL)
 * @param trustedKeys        checkpoint keys trusted by {@link JdbcAuditLog#verify()} besides the log's own signer
 *                           (e.g. the keys of other gateways appending to the same PostgreSQL chain)
 */
public record AuditLogOptions(int checkpointInterval, Duration checkpointPeriod, int queueCapacity, int maxBatch,
                              Duration appendTimeout, SqliteSync sqliteSync, TrustedKeys trustedKeys) {
    public AuditLogOptions {
        positive(checkpointInterval, "checkpointInterval");
        Checks.present(checkpointPeriod, "checkpointPeriod");
        if (checkpointPeriod.isNegative()) {
            throw new IllegalArgumentException("checkpointPeriod must not be negative");
        }
        positive(queueCapacity, "queueCapacity");
        positive(maxBatch, "maxBatch");
        Checks.present(appendTimeout, "appendTimeout");
        if (appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("appendTimeout must be positive");
        }
        Checks.present(sqliteSync, "sqliteSync");
        Checks.present(trustedKeys, "trustedKeys");
    }

    /**
     * A checkpoint every 1000 records or one second after the first record it covers, 10,000 queued appends, batches
     * of up to 1000, 30 s timeout, fsync per commit.
     */
    public static AuditLogOptions defaults() {
        return new AuditLogOptions(1000, Duration.ofSeconds(1), 10_000, 1000, Duration.ofSeconds(30), SqliteSync.FULL,
                TrustedKeys.of(List.of()));
    }

    public AuditLogOptions withCheckpointInterval(int records) {
        return new AuditLogOptions(records, checkpointPeriod, queueCapacity, maxBatch,
                appendTimeout, sqliteSync, trustedKeys);
    }

    /** Checkpoints also by time: at latest {@code period} after the first uncovered record; zero = by count only. */
    public AuditLogOptions withCheckpointPeriod(Duration period) {
        return new AuditLogOptions(checkpointInterval, period, queueCapacity, maxBatch, appendTimeout, sqliteSync,
                trustedKeys);
    }

    public AuditLogOptions withQueue(int capacity, int batch) {
        return new AuditLogOptions(checkpointInterval, checkpointPeriod, capacity, batch,
                appendTimeout, sqliteSync, trustedKeys);
    }

    public AuditLogOptions withAppendTimeout(Duration timeout) {
        return new AuditLogOptions(checkpointInterval, checkpointPeriod, queueCapacity, maxBatch,
                timeout, sqliteSync, trustedKeys);
    }

    public AuditLogOptions withSqliteSync(SqliteSync sync) {
        return new AuditLogOptions(checkpointInterval, checkpointPeriod, queueCapacity, maxBatch,
                appendTimeout, sync, trustedKeys);
    }

    public AuditLogOptions withTrustedKeys(TrustedKeys keys) {
        return new AuditLogOptions(checkpointInterval, checkpointPeriod, queueCapacity, maxBatch,
                appendTimeout, sqliteSync, keys);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
