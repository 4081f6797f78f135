package dev.bulwark.spi.audit;

import dev.bulwark.spi.Checks;

/**
 * An event as stored in the chain.
 *
 * @param sequence     position in the chain, starting at 1, without gaps
 * @param event        the event
 * @param previousHash hex SHA-256 of the previous record (64 zeros for the first)
 * @param hash         hex SHA-256 over the canonical JSON of the event and {@code previousHash}
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash) {
    public AuditRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        Checks.present(event, "event");
        Checks.nonBlank(previousHash, "previousHash");
        Checks.nonBlank(hash, "hash");
    }
}
