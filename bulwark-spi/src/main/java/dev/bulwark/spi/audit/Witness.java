package dev.bulwark.spi.audit;

/**
 * A place outside the audit database that keeps the log's signed checkpoints (anchors), so that someone who can
 * rewrite the database (and even holds the signing key) cannot rewrite or truncate what was anchored without the
 * verifier noticing. A witness must be something the database's attacker cannot rewrite: an append-only file owned by
 * another user, another database, a remote service.
 */
public interface Witness extends AutoCloseable {

    /** A name for status and warnings, e.g. {@code file:/var/lib/witness/anchors.jsonl}; never holds credentials. */
    String name();

    /**
     * Stores the anchor durably and returns only once the witness holds it. Publishing an anchor again, or an anchor
     * older than one already held, is harmless.
     *
     * @throws AuditException when the witness did not take it (the publisher retries)
     */
    void publish(AuditAnchor anchor);

    @Override
    default void close() {
    }
}
