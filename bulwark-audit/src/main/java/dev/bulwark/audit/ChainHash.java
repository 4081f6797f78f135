package dev.bulwark.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The record hash of the chain: hex SHA-256 over the UTF-8 of the record's canonical JSON. */
final class ChainHash {
    /** The previous hash of the first record. */
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    /**
     * Hashes {@code {"event":<canonical event>,"previousHash":"<hex>","sequence":<n>}}; the keys are written in
     * canonical (sorted) order, so the text is the canonical JSON of that object.
     */
    static String of(long sequence, String previousHash, String canonicalEvent) {
        String document = "{\"event\":" + canonicalEvent + ",\"previousHash\":" + CanonicalJson.write(previousHash)
                + ",\"sequence\":" + sequence + "}";
        return sha256Hex(document);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
