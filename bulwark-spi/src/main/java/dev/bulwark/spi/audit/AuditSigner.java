package dev.bulwark.spi.audit;

import java.security.PublicKey;

/**
 * The Ed25519 key that signs audit checkpoints, wherever it lives: a key file, an environment variable, a PKCS#11
 * token or a cloud KMS. Only {@link #sign} needs the private key, so an implementation may keep it in hardware.
 */
public interface AuditSigner {

    /** The Ed25519 public key that verifies this signer's signatures (for verifiers, kept apart from the log). */
    PublicKey publicKey();

    /**
     * Signs the bytes with Ed25519 (RFC 8032, pure) and returns the 64-byte signature.
     *
     * @throws AuditException when the key cannot sign (device gone, access denied); the checkpoint is then not written
     */
    byte[] sign(byte[] payload);
}
