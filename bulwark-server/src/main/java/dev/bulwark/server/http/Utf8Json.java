package dev.bulwark.server.http;

import java.util.Locale;

/**
 * The one encoding the gate reads an agent's message in: UTF-8, as RFC 8259 requires of JSON exchanged between
 * systems and as the MCP servlet behind the gate is handed the body ({@link BufferedBodyRequest#getReader}). The gate's
 * JSON parser would otherwise detect UTF-16 or UTF-32 from the first bytes, or skip a byte-order mark, and so could
 * check a different reading of the bytes than the one the SDK acts on; a message declared or encoded otherwise is
 * refused before it is read.
 */
final class Utf8Json {
    private Utf8Json() {}

    /** Whether a {@code Content-Type} names a charset other than UTF-8 (absent is UTF-8, as for application/json). */
    static boolean declaresOtherCharset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                continue;
            }
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            String name = value.toLowerCase(Locale.ROOT);
            if (!name.equals("utf-8") && !name.equals("utf8")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a body starts the way only another encoding would: a byte-order mark (UTF-8's included, which RFC 8259
     * forbids senders to add) or a zero byte among the first four, which JSON text in UTF-8 never has there but
     * UTF-16 and UTF-32 text always has.
     */
    static boolean looksOtherwiseEncoded(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return true;
        }
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            return true;
        }
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
