package dev.bulwark.server.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The admin credential for {@code /api/v1}. Only its SHA-256 is kept ({@code keys/admin-token.sha256}); the token is
 * 256 random bits, so a plain hash suffices. {@code BULWARK_ADMIN_TOKEN} in the environment takes precedence.
 */
public final class AdminToken {
    static final String HASH_FILE = "admin-token.sha256";
    public static final String FIRST_START_FILE = "admin-token.txt";
    private final byte[] hash;

    private AdminToken(byte[] hash) {
        this.hash = hash;
    }

    /** Loads the hash, creating a token on first start and writing it once to {@code admin-token.txt} (mode 600). */
    static AdminToken ensure(Path dataDir, Path keysDir) throws IOException {
        String fromEnv = System.getenv("BULWARK_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.length() < 32) {
                throw new IllegalStateException("BULWARK_ADMIN_TOKEN must be at least 32 characters");
            }
            return new AdminToken(sha256(fromEnv));
        }
        Path hashFile = keysDir.resolve(HASH_FILE);
        if (Files.exists(hashFile)) {
            return new AdminToken(HexFormat.of().parseHex(Files.readString(hashFile).trim()));
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = "bwa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        DataDirectory.writePrivate(dataDir.resolve(FIRST_START_FILE), token + "\n");
        DataDirectory.writePrivate(hashFile, HexFormat.of().formatHex(sha256(token)) + "\n");
        return new AdminToken(sha256(token));
    }

    /** Constant-time check of a presented token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hash, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
