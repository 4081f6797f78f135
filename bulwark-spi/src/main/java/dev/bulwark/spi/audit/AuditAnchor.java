package dev.bulwark.spi.audit;

import dev.bulwark.spi.Checks;
import java.time.Instant;

/**
 * A signed checkpoint as published to a {@link Witness}: "record {@code sequence} of the chain has hash {@code hash}".
 * The hash commits to every record before it, so one anchor proves the whole prefix; the newest anchor a witness holds
 * subsumes the older ones.
 *
 * @param sequence  the record it covers, with every record before it
 * @param hash      that record's hash (64 lower-case hex digits)
 * @param time      when the checkpoint was signed
 * @param keyId     the id of the signing key
 * @param signature base64 Ed25519 signature over the checkpoint's signed payload
 */
public record AuditAnchor(long sequence, String hash, Instant time, String keyId, String signature) {
    public AuditAnchor {
        if (sequence < 1) {
            throw new IllegalArgumentException("an anchor covers a record: sequence starts at 1");
        }
        Checks.nonBlank(hash, "hash");
        Checks.present(time, "time");
        Checks.nonBlank(keyId, "keyId");
        Checks.nonBlank(signature, "signature");
    }
}
