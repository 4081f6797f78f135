package dev.bulwark.server.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of SQL hash masks: one 32-byte master key per deployment in {@code keys/sql-mask.key} (created on first
 * start, owner-only; replicas share the file), and per SQL connector a key derived from it, so a hash is stable for a
 * deployment and connector and a key handed to one database (PostgreSQL computes the mask with it) is worth nothing
 * for another connector or for the PII guard's own hashing.
 */
final class MaskKey {
    static final String FILE = "sql-mask.key";

    private MaskKey() {}

    static SecretKey load(Path keysDir) {
        Path file = keysDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(keysDir);
                DataDirectory.writePrivate(file, "");
                Files.write(file, key);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold 32 bytes of key material; it holds " + key.length);
            }
            return new SecretKeySpec(key, "HmacSHA256");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the SQL mask key " + file, e);
        }
    }

    /** HMAC-SHA256(master, "bulwark-sql-mask-v1:" + connector). */
    static SecretKey forConnector(SecretKey master, String connector) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(master);
            byte[] derived = mac.doFinal(("bulwark-sql-mask-v1:" + connector).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }
}
