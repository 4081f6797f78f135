package dev.bulwark.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The record hash of the chain: hex SHA-256 over the UTF-8 of the record's canonical JSON. */
final class ChainHash {
    /** The previous hash of the first record. */
    static final String GENESIS = "0".repeat(64);
    private static final byte[] EVENT_PREFIX = "{\"event\":".getBytes(StandardCharsets.UTF_8);

    private ChainHash() {}

    /**
     * Hashes {@code {"event":<canonical event>,"previousHash":"<hex>","sequence":<n>}}; the keys are written in
     * canonical (sorted) order, so the text is the canonical JSON of that object.
     */
    static String of(long sequence, String previousHash, String canonicalEvent) {
        return link(eventPart(canonicalEvent), sequence, previousHash);
    }

    /**
     * The hash of {@link #of} begun: the document up to and including its event, digested where the event is known
     * (on the appender's thread), so that the serial writer only adds the link to the chain ({@link #link}).
     */
    static MessageDigest eventPart(String canonicalEvent) {
        return eventPart(canonicalEvent, "", "");
    }

    /** {@link #eventPart(String)} of a canonical event given in consecutive pieces. */
    static MessageDigest eventPart(String start, String middle, String end) {
        MessageDigest digest = sha256();
        digest.update(EVENT_PREFIX);
        digest.update(start.getBytes(StandardCharsets.UTF_8));
        digest.update(middle.getBytes(StandardCharsets.UTF_8));
        digest.update(end.getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    /** Finishes {@link #of} from its {@link #eventPart}, which is left as it was (it may be linked again). */
    static String link(MessageDigest eventPart, long sequence, String previousHash) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) eventPart.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest can be cloned", e);
        }
        digest.update((",\"previousHash\":" + CanonicalJson.write(previousHash) + ",\"sequence\":" + sequence + "}")
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
