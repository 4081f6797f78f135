package dev.bulwark.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last intent each MCP session declared, as a digest, so that a client sending the same {@value IntentHeader#NAME}
 * on every request (an SDK's per-transport headers) records and audits it once, and a new user turn is recorded when
 * it arrives. Bounded: the oldest sessions are forgotten, which only means their next identical header is recorded
 * again (adding nothing new to the session's intent).
 */
final class LaterTurns {
    private final Map<String, byte[]> last;

    LaterTurns(int capacity) {
        this.last = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers {@code intent} as the session's latest; true when it differs from the one remembered before. */
    synchronized boolean isNew(String sessionId, String intent) {
        byte[] digest = digest(intent);
        byte[] before = last.put(sessionId, digest);
        return before == null || !Arrays.equals(before, digest);
    }

    private static byte[] digest(String intent) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(intent.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
