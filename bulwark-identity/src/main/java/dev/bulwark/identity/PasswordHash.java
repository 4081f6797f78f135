package dev.bulwark.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * User passwords in their stored form: Argon2id (RFC 9106) from Bouncy Castle, with a random 16-byte salt, stored as
 * {@code argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} so the cost can be raised later without breaking
 * stored hashes. Unlike API keys (256 random bits, see {@link ApiKeyHash}), passwords are chosen by people and can be
 * guessed, so the hash is deliberately slow and memory-hard. Defaults: 19 MiB, 2 passes, 1 lane (OWASP's minimum).
 */
final class PasswordHash {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int PASSES = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    /** Hashed when a user has no password, so that an unknown user costs the same time as a wrong password. */
    private static final String DECOY = hash("decoy password that matches nothing");

    private PasswordHash() {}

    /** @throws IllegalArgumentException when the password is shorter than 12 or longer than 256 characters */
    static String hash(String password) {
        requireAcceptable(password);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, PASSES, LANES);
        return "argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password must have between " + MIN_LENGTH + " and " + MAX_LENGTH
                    + " characters");
        }
    }

    /** Whether {@code password} matches {@code stored}; a malformed stored value matches nothing. */
    static boolean matches(String stored, String password) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 5 || !parts[0].equals("argon2id") || !parts[1].equals("v=19")) {
            return false;
        }
        try {
            String[] cost = parts[2].split(",", -1);
            int memory = Integer.parseInt(cost[0].substring("m=".length()));
            int passes = Integer.parseInt(cost[1].substring("t=".length()));
            int lanes = Integer.parseInt(cost[2].substring("p=".length()));
            byte[] expected = B64_DECODER.decode(parts[4]);
            byte[] actual = argon2(password, B64_DECODER.decode(parts[3]), memory, passes, lanes);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the time of one verification and answers false: for users without a password. */
    static boolean decoy(String password) {
        matches(DECOY, password == null ? "" : password);
        return false;
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int passes, int lanes) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(passes).withParallelism(lanes).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
