package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 public keys whose checkpoint signatures a verifier accepts, by key id. The keys must come from outside
 * the database (a key file, a PEM file, configuration): a key stored next to the records could be replaced along with
 * them.
 */
public final class TrustedKeys {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static TrustedKeys of(List<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : Checks.present(keys, "keys")) {
            if (!(key instanceof EdECPublicKey ed) || !CheckpointSigner.ALGORITHM.equals(ed.getParams().getName())) {
                throw new IllegalArgumentException("checkpoint keys are Ed25519, got " + key.getAlgorithm());
            }
            byId.put(keyIdOf(key), key);
        }
        return new TrustedKeys(byId);
    }

    public static TrustedKeys of(PublicKey... keys) {
        return of(List.of(keys));
    }

    /** Reads every {@code PUBLIC KEY} PEM block in the text (e.g. a file of exported keys). */
    public static TrustedKeys fromPem(String pem) {
        Checks.present(pem, "pem");
        Matcher m = PEM.matcher(pem);
        List<PublicKey> keys = new ArrayList<>();
        try {
            KeyFactory factory = KeyFactory.getInstance(CheckpointSigner.ALGORITHM);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                keys.add(factory.generatePublic(new X509EncodedKeySpec(der)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block found");
        }
        return of(keys);
    }

    /**
     * Reads a file of PEM public keys, or the public half of a signing key file written by
     * {@link CheckpointSigner#loadOrCreate}.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no Ed25519 public key
     */
    public static TrustedKeys fromKeyFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            return fromPem(text);
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
            String encoded = props.getProperty("public");
            if (encoded == null) {
                throw new IllegalArgumentException("no public key in " + file);
            }
            return of(KeyFactory.getInstance(CheckpointSigner.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded.trim()))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an audit key file: " + file + ": " + e.getMessage(), e);
        }
    }

    /** These keys and {@code other}'s. */
    public TrustedKeys and(TrustedKeys other) {
        Map<String, PublicKey> merged = new LinkedHashMap<>(byId);
        merged.putAll(other.byId);
        return new TrustedKeys(merged);
    }

    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    public int size() {
        return byId.size();
    }

    /** Whether the checkpoint's signature is valid under the trusted key it names. Unknown keys are not trusted. */
    boolean signed(Checkpoint checkpoint) {
        PublicKey key = byId.get(checkpoint.keyId());
        if (key == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(CheckpointSigner.ALGORITHM);
            signature.initVerify(key);
            signature.update(checkpoint.signedPayload());
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is a bad signature
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding. */
    static String keyIdOf(PublicKey key) {
        return HexFormat.of().formatHex(ChainHash.sha256(key.getEncoded())).substring(0, 16);
    }

    static String toPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
