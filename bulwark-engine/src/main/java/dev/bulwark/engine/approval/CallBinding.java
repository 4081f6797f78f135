package dev.bulwark.engine.approval;

import dev.bulwark.spi.identity.Principal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of one exact call: SHA-256 over a canonical JSON document of tool name, arguments, agent and user.
 * Canonical means object keys sorted by code point, no insignificant white space, and numbers written by
 * value ({@code 1}, {@code 1.0} and {@code 1e0} are one number), so an approval matches the same call however its JSON
 * was spelled, and nothing else: any changed argument, another agent or another user is another binding.
 *
 * <p>The MCP session is deliberately left out: it does not survive a gateway restart or a client reconnect, while an
 * approval must (requests are durable and wait up to their TTL). The session is kept in the request for approvers
 * to read; the approval is single-use and bound to the exact principal, so another session gains nothing it could not
 * get by repeating the call.
 */
public final class CallBinding {
    private CallBinding() {}

    public static String of(String tool, Map<String, Object> arguments, Principal principal) {
        Map<String, Object> document = new TreeMap<>();
        document.put("tool", tool);
        document.put("arguments", arguments);
        document.put("agent", principal.agent().id());
        document.put("user", principal.userIdOrNull());
        return sha256(canonical(document));
    }

    /** The canonical JSON text of a tree of maps, lists, strings, numbers, booleans and nulls. */
    static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Number n -> out.append(number(n));
            case Map<?, ?> map -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put((String) k, v));
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static String number(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite()) || n instanceof Float f && (f.isNaN()
                || f.isInfinite())) {
            throw new IllegalArgumentException("not a JSON number: " + n);
        }
        BigDecimal exact = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        BigDecimal stripped = exact.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toString();
    }

    /** JSON string escaping: quotes, backslash and control characters; everything else as itself. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
