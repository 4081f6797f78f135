package dev.bulwark.data.sql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The keyed hash of {@code hash} masks: lower-case hex HMAC-SHA256 of the value's UTF-8 text. Without the key a
 * masked value cannot be confirmed by hashing a guess. SQLite computes it with a deterministic function the executor
 * registers on each connection (the key stays in this process); PostgreSQL computes it from core {@code sha256} with
 * the key's inner and outer pads bound as parameters of the statement (never spliced into SQL text, never seen by
 * the agent, whose SQL can name neither parameters nor this function). Thread-safe.
 */
final class KeyedHash {
    /** The SQLite function; agent SQL cannot call it (names starting with {@code bulwark} are never allowed). */
    static final String SQLITE_FUNCTION = "bulwark_hmac_sha256";
    private static final int BLOCK = 64;

    private final SecretKey key;
    private final byte[] innerPad;
    private final byte[] outerPad;

    /** @param key an HMAC key of 16 to 64 bytes */
    KeyedHash(SecretKey key) {
        byte[] raw = key == null ? null : key.getEncoded();
        if (raw == null || raw.length < 16 || raw.length > BLOCK) {
            throw new IllegalArgumentException("the hash-mask key must be 16 to 64 bytes of key material");
        }
        this.key = key;
        this.innerPad = new byte[BLOCK];
        this.outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < raw.length ? raw[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        Arrays.fill(raw, (byte) 0);
    }

    String hex(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    /** The PostgreSQL SQL of the mask over {@code text}: HMAC by its definition, H(K^opad || H(K^ipad || m)). */
    static String postgresSql(String text, String innerPad, String outerPad) {
        return "encode(sha256(CAST(" + outerPad + " AS bytea) || sha256(CAST(" + innerPad + " AS bytea) || "
                + "convert_to(" + text + ", 'UTF8'))), 'hex')";
    }

    byte[] innerPad() {
        return innerPad.clone();
    }

    byte[] outerPad() {
        return outerPad.clone();
    }

    /** The SQLite function: the hash of the text of its argument; NULL stays NULL. */
    org.sqlite.Function sqliteFunction() {
        return new org.sqlite.Function() {
            @Override
            protected void xFunc() throws java.sql.SQLException {
                String text = value_text(0);
                if (text == null) {
                    result();
                } else {
                    result(hex(text));
                }
            }
        };
    }
}
