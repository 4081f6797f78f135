package dev.bulwark.documents.index;

import dev.bulwark.spi.Checks;
import java.util.Set;

/** A chunk found by a search, still sealed. */
public record ChunkHit(String documentId, int ordinal, float score, byte[] ciphertext, String integrity,
                       String confidentiality, Set<String> piiTypes) {
    public ChunkHit {
        Checks.nonBlank(documentId, "documentId");
        Checks.present(ciphertext, "ciphertext");
        Checks.nonBlank(integrity, "integrity");
        Checks.nonBlank(confidentiality, "confidentiality");
        piiTypes = Set.copyOf(Checks.present(piiTypes, "piiTypes"));
    }
}
