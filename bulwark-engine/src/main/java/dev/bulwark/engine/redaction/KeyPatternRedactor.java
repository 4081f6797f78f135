package dev.bulwark.engine.redaction;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import dev.bulwark.spi.guard.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redacts argument trees for the audit record, by key name and by value shape:
 * <ul>
 *   <li>any value under a key that names a credential ({@code password}, {@code api_key}, {@code Authorization},
 *       {@code sessionToken}…, case and separators ignored) becomes {@code [REDACTED]};</li>
 *   <li>any string that contains a credential (JWT, bearer token, PEM private key, {@code sk-}, {@code ghp_},
 *       {@code AKIA}, {@code xoxb-}… keys, credentials in URLs) becomes {@code [REDACTED:<kind>]};</li>
 *   <li>any other string longer than 256 code points keeps its first 64 and gains a marker with its length and the
 *       first 16 hex digits of the SHA-256 of its UTF-8 bytes, so equal values still correlate.</li>
 * </ul>
 * Given a secret {@link Detector} (the server passes the guards' secret detector, which also decodes base64, hex and
 * URL-encoded values), every span it finds in a key or string is first replaced by {@code [REDACTED:<type>]}, so
 * secrets the shapes above miss, including encoded ones, are removed before anything is kept or shortened; a detector
 * failure fails the redaction (the caller refuses the call). Keys get the same treatment as strings. The walk is bounded in depth and size, so any input (even cyclic or not
 * JSON) yields a small JSON tree; values that are not JSON become {@code [UNSUPPORTED:<type>]}.
 */
public final class KeyPatternRedactor implements Redactor {
    public static final String REDACTED = "[REDACTED]";
    static final int MAX_LENGTH = 256;
    static final int KEPT_PREFIX = 64;
    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 2_000;

    private final Detector secrets;

    /** Key names and the built-in credential shapes only. */
    public KeyPatternRedactor() {
        this(null);
    }

    /** @param secrets finds further secrets in every key and string; {@code null} for none */
    public KeyPatternRedactor(Detector secrets) {
        this.secrets = secrets;
    }

    @Override
    public Map<String, Object> redact(Map<String, Object> arguments) {
        if (arguments == null) {
            return Map.of();
        }
        return new Walk().object(arguments, 1);
    }

    /** Redacts one string as if it were a value under a harmless key. */
    public String redactText(String text) {
        return text == null ? null : string(text);
    }

    /** One traversal, with its own budget. */
    private final class Walk {
        private int budget = MAX_VALUES;

        Map<String, Object> object(Map<?, ?> map, int depth) {
            Map<String, Object> out = new LinkedHashMap<>();
            int left = map.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (budget <= 0) {
                    out.put("…", "[TRUNCATED: " + left + " more entries]");
                    break;
                }
                left--;
                String key = key(e.getKey());
                Object value = CredentialPatterns.isSensitiveKey(key) ? spend(REDACTED) : value(e.getValue(), depth);
                out.putIfAbsent(key, value);
            }
            return Collections.unmodifiableMap(out);
        }

        List<Object> array(List<?> list, int depth) {
            List<Object> out = new ArrayList<>(Math.min(list.size(), 64));
            int left = list.size();
            for (Object item : list) {
                if (budget <= 0) {
                    out.add("[TRUNCATED: " + left + " more items]");
                    break;
                }
                left--;
                out.add(value(item, depth));
            }
            return Collections.unmodifiableList(out);
        }

        Object value(Object value, int depth) {
            budget--;
            if (value instanceof Map<?, ?> map) {
                return depth >= MAX_DEPTH ? "[TRUNCATED: nested deeper than " + MAX_DEPTH + "]" : object(map, depth + 1);
            }
            if (value instanceof List<?> list) {
                return depth >= MAX_DEPTH ? "[TRUNCATED: nested deeper than " + MAX_DEPTH + "]" : array(list, depth + 1);
            }
            if (value == null || value instanceof Boolean) {
                return value;
            }
            if (value instanceof String s) {
                return string(s);
            }
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                    || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
                return value.toString();
            }
            if (value instanceof Number) {
                return value;
            }
            return "[UNSUPPORTED:" + value.getClass().getSimpleName() + "]";
        }

        private Object spend(Object replacement) {
            budget--;
            return replacement;
        }
    }

    private String key(Object rawKey) {
        String key = String.valueOf(rawKey);
        String cleaned = detected(key);
        if (!cleaned.equals(key)) {
            return "[REDACTED:detected:" + digest(key) + "]";
        }
        Optional<String> credential = CredentialPatterns.credentialIn(key);
        if (credential.isPresent()) {
            // Keys must stay distinct, so a redacted key keeps a short digest of what it replaced.
            return "[REDACTED:" + credential.get() + ":" + digest(key) + "]";
        }
        return shorten(key);
    }

    private String string(String raw) {
        String s = detected(raw);
        Optional<String> credential = CredentialPatterns.credentialIn(s);
        if (credential.isPresent()) {
            return "[REDACTED:" + credential.get() + "]";
        }
        return shorten(s);
    }

    /** {@code s} with every span the secret detector finds replaced by {@code [REDACTED:<type>]}. */
    private String detected(String s) {
        if (secrets == null || s.isEmpty()) {
            return s;
        }
        List<Finding> found = secrets.detect(s);
        if (found.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int at = 0;
        for (Finding f : found) {
            if (f.start() < at || f.end() > s.length()) {
                continue;
            }
            out.append(s, at, f.start()).append("[REDACTED:").append(f.type().toLowerCase(java.util.Locale.ROOT))
                    .append(']');
            at = f.end();
        }
        return out.append(s, at, s.length()).toString();
    }

    private static String shorten(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int codePoints = s.codePointCount(0, s.length());
        if (codePoints <= MAX_LENGTH) {
            return s;
        }
        String prefix = s.substring(0, s.offsetByCodePoints(0, KEPT_PREFIX));
        return prefix + "…[TRUNCATED: " + codePoints + " chars, sha256:" + digest(s) + "]";
    }

    /** The first 16 hex digits of the SHA-256 of the UTF-8 bytes. */
    static String digest(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
