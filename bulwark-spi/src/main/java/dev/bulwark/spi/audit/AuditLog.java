package dev.bulwark.spi.audit;

import java.util.List;

/** An append-only, hash-chained log. */
public interface AuditLog extends AutoCloseable {

    /**
     * Appends an event and returns once it is durable: a record returned here survives a crash of the process.
     *
     * @throws AuditException when the event could not be stored; callers must then fail the action (fail closed)
     */
    AuditRecord append(AuditEvent event);

    /** The newest {@code count} records (fewer when a store bounds how much one read holds), oldest first. */
    List<AuditRecord> tail(int count);

    /** Checks the whole chain: hashes, sequence, and the signatures of checkpoints. */
    AuditVerification verify();

    @Override
    default void close() {
    }
}
