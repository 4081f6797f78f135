package dev.bulwark.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a stored session derives from its id (the cookie's 256 random bits), so that the store holds nothing usable
 * without the cookie: the row's key is a hash of the id, the CSRF token is an HMAC of it, and the credential is sealed
 * (AES-GCM) under a key derived from it. A database dump alone opens no session and reveals no credential; a cookie
 * alone, without the database, is nothing either; a changed id finds no row, and a changed row fails to open.
 */
final class SessionSeal {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private SessionSeal() {}

    /** The store's key for a session id: never the id itself. */
    static String lookup(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bulwark-console-session:" + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The session's CSRF token, the same on every replica that sees the cookie. */
    static String csrf(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(id, "csrf"));
    }

    /** The credential sealed under the id's key, bound to the row's lookup key. */
    static byte[] seal(String id, String credential) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, id, nonce);
            byte[] sealed = cipher.doFinal(credential.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a console credential", e);
        }
    }

    /** The credential, or empty when the sealed bytes were not sealed under this id (changed, or another row's). */
    static Optional<String> open(String id, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE) {
            return Optional.empty();
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, id, nonce);
            byte[] plain = cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String id, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(hmac(id, "credential-key"), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(lookup(id).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] hmac(String id, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(("bulwark-console-" + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
