package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs checkpoints with an Ed25519 {@link AuditSigner}: a key file ({@link #loadOrCreate}), key text from an
 * environment variable ({@link #fromText}), or any other implementation such as a PKCS#11 token or a KMS
 * ({@link #using}). Give the public key ({@link #publicKeyPem()}) to whoever verifies the log.
 */
public final class CheckpointSigner {
    static final String ALGORITHM = "Ed25519";

    private final AuditSigner signer;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointSigner(AuditSigner signer) {
        this.signer = signer;
        this.publicKey = signer.publicKey();
        this.keyId = TrustedKeys.keyIdOf(publicKey);
    }

    /**
     * Signs with the given signer, after checking once that it signs Ed25519 under its public key (a mismatched key
     * would write checkpoints that never verify).
     *
     * @throws IllegalStateException when its key is not Ed25519 or its signatures do not verify
     */
    public static CheckpointSigner using(AuditSigner signer) {
        Checks.present(signer, "signer");
        PublicKey key = Checks.present(signer.publicKey(), "publicKey");
        if (!(key instanceof EdECPublicKey ed) || !ALGORITHM.equals(ed.getParams().getName())) {
            throw new IllegalStateException("audit checkpoints are signed with Ed25519, the signer's key is "
                    + key.getAlgorithm());
        }
        byte[] probe = "bulwark audit signer check".getBytes(StandardCharsets.UTF_8);
        try {
            Signature verify = Signature.getInstance(ALGORITHM);
            verify.initVerify(key);
            verify.update(probe);
            if (!verify.verify(signer.sign(probe))) {
                throw new IllegalStateException("private and public key do not belong together: the signer's"
                        + " signatures do not verify under its public key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signer's signatures do not verify: " + e.getMessage(), e);
        }
        return new CheckpointSigner(signer);
    }

    /** A signer with a fresh key that is kept nowhere (tests, throw-away logs). */
    public static CheckpointSigner generate() {
        return new CheckpointSigner(KeyFileSigner.generate());
    }

    /**
     * Loads the key file, or creates it with a new key when it does not exist.
     *
     * @throws IllegalStateException when the file cannot be read or written, is not a key file, or can be read by
     *                               others than its owner
     */
    public static CheckpointSigner loadOrCreate(Path keyFile) {
        return using(KeyFileSigner.loadOrCreate(keyFile));
    }

    /** Reads key-file text, e.g. from an environment variable named by {@code source} in errors. */
    public static CheckpointSigner fromText(String text, String source) {
        return using(KeyFileSigner.fromText(text, source));
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a PEM block ({@code -----BEGIN PUBLIC KEY-----}), readable by {@link TrustedKeys#fromPem}. */
    public String publicKeyPem() {
        return TrustedKeys.toPem(publicKey);
    }

    /** Signs that record {@code sequence} has {@code hash}, now. */
    Checkpoint sign(long sequence, String hash, Instant now) {
        Instant time = now.truncatedTo(ChronoUnit.MICROS);
        byte[] signature = signer.sign(Checkpoint.payload(sequence, hash, time, keyId));
        return new Checkpoint(sequence, hash, time, keyId, Base64.getEncoder().encodeToString(signature));
    }
}
