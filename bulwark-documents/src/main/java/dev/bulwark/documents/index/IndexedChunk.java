package dev.bulwark.documents.index;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * One chunk as handed to the index.
 *
 * @param documentId      the document it belongs to
 * @param ordinal         its position in the document, from 0
 * @param text            the plaintext to analyse into terms; never stored
 * @param ciphertext      the sealed payload, the only stored form of the text
 * @param aclTerms        access terms ({@link AccessTerms}) of those allowed to read it
 * @param integrity       integrity label
 * @param confidentiality confidentiality label
 * @param piiTypes        PII types found in it
 */
public record IndexedChunk(String documentId, int ordinal, String text, byte[] ciphertext, Set<String> aclTerms,
                           String integrity, String confidentiality, Set<String> piiTypes) {
    public IndexedChunk {
        Checks.nonBlank(documentId, "documentId");
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0");
        }
        Checks.present(text, "text");
        Checks.present(ciphertext, "ciphertext");
        aclTerms = Set.copyOf(Checks.present(aclTerms, "aclTerms"));
        if (aclTerms.isEmpty()) {
            throw new IllegalArgumentException("a chunk must have at least one ACL term: nobody could read it");
        }
        Checks.nonBlank(integrity, "integrity");
        Checks.nonBlank(confidentiality, "confidentiality");
        piiTypes = Set.copyOf(Checks.present(piiTypes, "piiTypes"));
    }
}
