package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditAnchor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of an anchor, one line of canonical JSON:
 * {@code {"hash":"<hex>","keyId":"<id>","sequence":n,"signature":"<base64>","time":"<utc micros>"}}. File witnesses
 * append these lines; webhook witnesses post one as the request body, so a receiver's export reads the same way.
 */
public final class AnchorLines {
    /** Longer lines are not anchors (an anchor line is about 250 characters). */
    static final int MAX_LINE = 4096;

    private AnchorLines() {}

    public static String format(AuditAnchor anchor) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sequence", anchor.sequence());
        doc.put("hash", anchor.hash());
        doc.put("time", EventCodec.formatTime(anchor.time()));
        doc.put("keyId", anchor.keyId());
        doc.put("signature", anchor.signature());
        return CanonicalJson.write(doc);
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException when the line is not a well-formed anchor (its signature is not checked here)
     */
    public static Checkpoint parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        Map<String, Object> doc = EventCodec.parseObject(line.strip());
        if (!doc.keySet().equals(java.util.Set.of("sequence", "hash", "time", "keyId", "signature"))) {
            throw new IllegalArgumentException("an anchor has exactly the keys hash, keyId, sequence, signature, time");
        }
        if (!(doc.get("sequence") instanceof Long sequence)) {
            throw new IllegalArgumentException("sequence is not an integer");
        }
        return new Checkpoint(sequence, text(doc, "hash"), EventCodec.parseTime(text(doc, "time")), text(doc, "keyId"),
                text(doc, "signature"));
    }

    private static String text(Map<String, Object> doc, String key) {
        if (!(doc.get(key) instanceof String s)) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return s;
    }
}
