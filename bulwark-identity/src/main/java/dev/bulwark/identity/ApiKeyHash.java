package dev.bulwark.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys and their stored form.
 *
 * <p>A key is {@code bwk_<agent id>_<32 random bytes, base64url>}: the prefix lets secret scanners recognise leaked
 * keys, the 256 random bits make guessing hopeless. Stored is HMAC-SHA256 keyed with a per-key random 16-byte salt.
 * A deliberately slow hash (PBKDF2, scrypt) exists to slow brute force of low-entropy human passwords; against a
 * 256-bit random key it adds nothing but latency on every token request, so one keyed hash is the right cost. The salt
 * makes equal keys hash differently and defeats precomputed tables; comparison is constant-time.
 */
final class ApiKeyHash {
    static final int MAX_KEY_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private ApiKeyHash() {}

    static ApiKey newKey(String agentId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ApiKey("bwk_" + agentId + "_" + B64URL.encodeToString(secret));
    }

    static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return B64.encodeToString(salt);
    }

    static String hash(String salt, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(B64_DECODER.decode(salt), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static boolean matches(String salt, String expectedHash, String presentedKey) {
        byte[] actual = hash(salt, presentedKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
