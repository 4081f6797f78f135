package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-memory token vault: tokens are a keyed HMAC of (session, type, value), so they are stable within a session
 * and unlinkable across sessions; originals are kept only as AES-256-GCM ciphertext bound (as associated data) to
 * their token, session and type. Two keys are derived from one 32-byte master key. The vault holds at most
 * {@code maxEntries} originals; beyond that tokenize fails (callers fail closed). One replica's memory only: a
 * shared vault for several gateways needs a persistent implementation of {@link TokenVault}.
 */
public final class AesGcmTokenVault implements TokenVault {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private record Entry(String sessionId, String type, byte[] iv, byte[] ciphertext) {
    }

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec tokenKey;
    private final RestorePolicy policy;
    private final int maxEntries;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @param masterKey  32 random bytes (copied); keep it in the data directory's key set
     * @param policy     who may restore
     * @param maxEntries bound on stored originals
     */
    public AesGcmTokenVault(byte[] masterKey, RestorePolicy policy, int maxEntries) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes, got " + masterKey.length);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "bulwark-vault-encryption-v1"), "AES");
        this.tokenKey = new SecretKeySpec(derive(masterKey, "bulwark-vault-token-v1"), "HmacSHA256");
    }

    @Override
    public synchronized String tokenize(String sessionId, String type, String value) {
        Checks.nonBlank(sessionId, "sessionId");
        Checks.nonBlank(type, "type");
        Objects.requireNonNull(value, "value");
        String token = "<" + PiiTypes.placeholderName(type) + "_TK_" + tokenId(sessionId, type, value) + ">";
        Entry existing = entries.get(token);
        if (existing != null) {
            if (!decrypt(token, existing).equals(value)) {
                throw new IllegalStateException("token collision in the vault");
            }
            return token;
        }
        if (entries.size() >= maxEntries) {
            throw new IllegalStateException("token vault is full (" + maxEntries + " entries)");
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad(token, sessionId, type));
            byte[] ct = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            entries.put(token, new Entry(sessionId, type, iv, ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt into the token vault", e);
        }
        return token;
    }

    @Override
    public synchronized String restore(String token, RestoreAuthorisation authorisation) {
        Objects.requireNonNull(authorisation, "authorisation");
        Entry e = token == null ? null : entries.get(token);
        if (e == null) {
            throw new RestoreDeniedException("unknown token");
        }
        if (!policy.permits(authorisation, e.sessionId(), e.type())) {
            throw new RestoreDeniedException("not authorised to restore this token: " + authorisation.principalId());
        }
        return decrypt(token, e);
    }

    public synchronized int size() {
        return entries.size();
    }

    private String decrypt(String token, Entry e) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, e.iv()));
            c.updateAAD(aad(token, e.sessionId(), e.type()));
            return new String(c.doFinal(e.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("token vault entry does not decrypt (tampered or wrong key)", ex);
        }
    }

    private String tokenId(String sessionId, String type, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tokenKey);
            byte[] h = mac.doFinal(join(sessionId, type, value));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] aad(String token, String sessionId, String type) {
        return join(token, sessionId, type);
    }

    /** Length-prefixed concatenation, so ("a", "bc") and ("ab", "c") differ. */
    static byte[] join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append(p.length()).append(':').append(p).append(';');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] derive(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
