package dev.bulwark.documents.index;

import dev.bulwark.spi.Checks;
import java.util.Set;

/** A chunk as stored: everything but its plaintext, which exists only inside the ciphertext. */
public record StoredChunk(String documentId, int ordinal, byte[] ciphertext, Set<String> aclTerms, String integrity,
                          String confidentiality, Set<String> piiTypes) {
    public StoredChunk {
        Checks.nonBlank(documentId, "documentId");
        Checks.present(ciphertext, "ciphertext");
        aclTerms = Set.copyOf(Checks.present(aclTerms, "aclTerms"));
        Checks.nonBlank(integrity, "integrity");
        Checks.nonBlank(confidentiality, "confidentiality");
        piiTypes = Set.copyOf(Checks.present(piiTypes, "piiTypes"));
    }

    /** The same chunk with new ciphertext, re-indexed from {@code text} (the decrypted payload text). */
    public IndexedChunk withCiphertext(byte[] newCiphertext, String text) {
        return new IndexedChunk(documentId, ordinal, text, newCiphertext, aclTerms, integrity, confidentiality,
                piiTypes);
    }
}
