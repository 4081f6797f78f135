package dev.bulwark.documents.crypto;

/** A ciphertext failed authentication: corrupted, tampered with, moved to another chunk, or under an unknown key. */
public final class ChunkDecryptionException extends Exception {
    public ChunkDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
