package dev.bulwark.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 keys that sign and verify Bulwark's tokens, kept as a JWK set in one file (owner-only permissions where
 * the file system supports them). The newest key signs; every key in the set verifies, so tokens signed before a
 * {@link #rotate()} stay valid until they expire or their key is {@link #retire retired}.
 *
 * <p>Signing uses the JDK's own Ed25519 ({@code java.security.Signature}), so no extra crypto library is needed;
 * Nimbus only reads and writes the JWK format. Replicas must share the file's contents to verify each other's tokens.
 */
public final class Ed25519KeySet {
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    /** One key; {@code privateKey} signs, {@code publicKey} verifies. */
    record Key(String id, PublicKey publicKey, PrivateKey privateKey, OctetKeyPair jwk) {}

    private final Path file;
    private volatile List<Key> keys;

    private Ed25519KeySet(Path file, List<Key> keys) {
        this.file = file;
        this.keys = List.copyOf(keys);
    }

    /** Loads the key set from {@code file}, creating the file with one fresh key when it does not exist. */
    public static Ed25519KeySet openOrCreate(Path file) {
        Checks.present(file, "file");
        try {
            if (Files.exists(file)) {
                List<Key> loaded = parse(Files.readString(file, StandardCharsets.UTF_8));
                if (loaded.isEmpty()) {
                    throw new IllegalStateException("signing key file " + file + " holds no key");
                }
                return new Ed25519KeySet(file, loaded);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Ed25519KeySet set = new Ed25519KeySet(file, List.of(generate()));
            set.save();
            return set;
        } catch (IOException e) {
            throw new IllegalStateException("could not open signing key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a new key that signs from now on and returns its key id; older keys still verify. */
    public synchronized String rotate() {
        List<Key> next = new ArrayList<>();
        next.add(generate());
        next.addAll(keys);
        keys = List.copyOf(next);
        save();
        return next.getFirst().id();
    }

    /**
     * Removes a key that no longer signs; tokens it signed are refused from then on.
     *
     * @return false when no such key
     * @throws IllegalArgumentException when asked to retire the signing key
     */
    public synchronized boolean retire(String keyId) {
        if (keys.getFirst().id().equals(keyId)) {
            throw new IllegalArgumentException("the signing key cannot be retired; rotate first");
        }
        List<Key> next = keys.stream().filter(k -> !k.id().equals(keyId)).toList();
        if (next.size() == keys.size()) {
            return false;
        }
        keys = next;
        save();
        return true;
    }

    /** The id ({@code kid}, an RFC 7638 thumbprint) of the key that signs new tokens. */
    public String signingKeyId() {
        return keys.getFirst().id();
    }

    /** All key ids, newest first. */
    public List<String> keyIds() {
        return keys.stream().map(Key::id).toList();
    }

    /** The public keys as a JWK set document, for {@code /.well-known/jwks.json}. Never holds a private part. */
    public String publicJwksJson() {
        List<JWK> publicKeys = keys.stream().<JWK>map(k -> k.jwk().toPublicJWK()).toList();
        return new JWKSet(publicKeys).toString(true);
    }

    Key signingKey() {
        return keys.getFirst();
    }

    Optional<Key> key(String keyId) {
        for (Key k : keys) {
            if (k.id().equals(keyId)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] sign(PrivateKey key, byte[] signingInput) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signingInput);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static Key generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = tail(pair.getPublic().getEncoded(), X509_PREFIX);
            byte[] d = tail(pair.getPrivate().getEncoded(), PKCS8_PREFIX);
            OctetKeyPair unnamed = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d))
                    .build();
            OctetKeyPair jwk = new OctetKeyPair.Builder(unnamed).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA).build();
            return new Key(jwk.getKeyID(), pair.getPublic(), pair.getPrivate(), jwk);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("could not generate an Ed25519 key", e);
        }
    }

    private static List<Key> parse(String json) {
        try {
            List<Key> loaded = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve()) || okp.getD() == null
                        || okp.getKeyID() == null) {
                    throw new IllegalStateException("signing key file must hold only private Ed25519 keys with a kid");
                }
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                PublicKey pub = factory.generatePublic(
                        new X509EncodedKeySpec(concat(X509_PREFIX, okp.getX().decode())));
                PrivateKey priv = factory.generatePrivate(
                        new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, okp.getD().decode())));
                loaded.add(new Key(okp.getKeyID(), pub, priv, okp));
            }
            return loaded;
        } catch (ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("signing key file is not a valid Ed25519 JWK set: " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file with owner-only permissions, then moves it over the old one. */
    private void save() {
        List<JWK> all = keys.stream().<JWK>map(Key::jwk).toList();
        String json = new JWKSet(all).toString(false);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, ".signing-keys", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                tmp = Files.createTempFile(dir, ".signing-keys", ".tmp");
            }
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not write signing key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] tail(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32
                || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
            throw new IllegalStateException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
