/**
 * Encryption of chunk text at rest: Tink AEAD (AES-256-GCM) with a rotatable key set kept in a file.
 *
 * <p>The embedded default keeps the key set as cleartext JSON in a file readable only by its owner (mode 600). In
 * production the key set should be wrapped by a KMS key (Tink's encrypted key set format with a KMS AEAD), so that a
 * copy of the data directory alone does not reveal the documents.
 */
package dev.bulwark.documents.crypto;
