package dev.bulwark.guards.action;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography every token vault shares, so that an in-memory and a database vault built on one master key issue
 * the same tokens and read each other's ciphertexts. Tokens are a keyed HMAC of (session, type, value): stable within
 * a session, unlinkable across sessions. Originals are AES-256-GCM ciphertext with the token, session and type as
 * associated data, so a ciphertext moved to another token, session or type never decrypts. Two keys are derived from
 * one 32-byte master key. Thread-safe.
 */
final class VaultCipher {
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A sealed original: a fresh random IV and the GCM ciphertext with its tag. */
    record Sealed(byte[] iv, byte[] ciphertext) {
        Sealed {
            Objects.requireNonNull(iv, "iv");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec tokenKey;
    private final String keyCheck;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey 32 random bytes (copied) */
    VaultCipher(byte[] masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes, got " + masterKey.length);
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "bulwark-vault-encryption-v1"), "AES");
        this.tokenKey = new SecretKeySpec(derive(masterKey, "bulwark-vault-token-v1"), "HmacSHA256");
        this.keyCheck = HexFormat.of().formatHex(derive(masterKey, "bulwark-vault-key-check-v1"), 0, 16);
    }

    /** {@code <NAME_TK_16 hex digits>}, the same for the same session, type and value. */
    String token(String sessionId, String type, String value) {
        byte[] h = hmac(tokenKey, join(sessionId, type, value));
        return "<" + PiiTypes.placeholderName(type) + "_TK_" + HexFormat.of().formatHex(h, 0, 8) + ">";
    }

    Sealed seal(String token, String sessionId, String type, String value) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(join(token, sessionId, type));
            return new Sealed(iv, c.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt into the token vault", e);
        }
    }

    /** The original; throws {@link IllegalStateException} when the ciphertext was not sealed for exactly these. */
    String open(String token, String sessionId, String type, Sealed sealed) {
        if (sealed.iv().length != IV_BYTES) {
            throw new IllegalStateException("token vault entry does not decrypt (tampered or wrong key)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            c.updateAAD(join(token, sessionId, type));
            return new String(c.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token vault entry does not decrypt (tampered or wrong key)", e);
        }
    }

    /** Identifies the master key without revealing it, so replicas sharing a store can tell they share the key. */
    String keyCheck() {
        return keyCheck;
    }

    /** Length-prefixed concatenation, so ("a", "bc") and ("ab", "c") differ. */
    static byte[] join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append(p.length()).append(':').append(p).append(';');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A purpose-specific key: HMAC-SHA256 of {@code label} under {@code key}. */
    static byte[] derive(byte[] key, String label) {
        return hmac(new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256"),
                label.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    static byte[] hmac(SecretKeySpec key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /** An HMAC-SHA256 initialised with {@code key}; {@link Mac#doFinal(byte[])} leaves it ready for the next use. */
    static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
