package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditAnchor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A signed statement that the chain's record {@code sequence} has hash {@code hash}. A verifier that trusts the key
 * {@code keyId} can tell that every record up to {@code sequence} is as it was when the checkpoint was signed.
 *
 * @param sequence  the record it covers, with every record before it
 * @param hash      that record's hash, 64 lower-case hex digits
 * @param time      when it was signed, to the microsecond
 * @param keyId     the id of the signing key (see {@link CheckpointSigner#keyId()})
 * @param signature base64 Ed25519 signature over {@link #signedPayload()}
 */
public record Checkpoint(long sequence, String hash, Instant time, String keyId, String signature) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** Names what is signed, so a checkpoint signature cannot be passed off as a signature over anything else. */
    static final String PURPOSE = "bulwark.audit.checkpoint.v1";

    public Checkpoint {
        if (sequence < 1) {
            throw new IllegalArgumentException("checkpoint sequence starts at 1");
        }
        Checks.present(hash, "hash");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("checkpoint hash must be 64 lower-case hex digits");
        }
        Checks.present(time, "time");
        Checks.nonBlank(keyId, "keyId");
        Checks.nonBlank(signature, "signature");
    }

    /** The checkpoint as published to witnesses. */
    public AuditAnchor anchor() {
        return new AuditAnchor(sequence, hash, time, keyId, signature);
    }

    /**
     * The checkpoint an anchor states.
     *
     * @throws IllegalArgumentException when the anchor is not a well-formed checkpoint
     */
    public static Checkpoint of(AuditAnchor anchor) {
        return new Checkpoint(anchor.sequence(), anchor.hash(), anchor.time(), anchor.keyId(), anchor.signature());
    }

    /** The UTF-8 canonical JSON that is signed: purpose, sequence, hash, time and key id. */
    public byte[] signedPayload() {
        return payload(sequence, hash, time, keyId);
    }

    static byte[] payload(long sequence, String hash, Instant time, String keyId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("purpose", PURPOSE);
        doc.put("sequence", sequence);
        doc.put("hash", hash);
        doc.put("time", EventCodec.formatTime(time));
        doc.put("keyId", keyId);
        return CanonicalJson.write(doc).getBytes(StandardCharsets.UTF_8);
    }
}
