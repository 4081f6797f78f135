package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A decrypted chunk a principal may read, with the labels it carries.
 *
 * @param documentId      the document
 * @param ordinal         the chunk's position in it
 * @param score           BM25 score
 * @param title           the document title
 * @param text            the chunk text
 * @param metadata        the document metadata
 * @param integrity       source integrity
 * @param confidentiality the document's confidentiality
 * @param piiTypes        PII types found in this chunk at ingestion
 */
public record RetrievedChunk(String documentId, int ordinal, float score, String title, String text,
                             Map<String, String> metadata, Integrity integrity, Confidentiality confidentiality,
                             Set<String> piiTypes) {
    public RetrievedChunk {
        Checks.nonBlank(documentId, "documentId");
        Checks.present(title, "title");
        Checks.present(text, "text");
        metadata = Map.copyOf(Checks.present(metadata, "metadata"));
        Checks.present(integrity, "integrity");
        Checks.present(confidentiality, "confidentiality");
        piiTypes = Set.copyOf(Checks.present(piiTypes, "piiTypes"));
    }

    /**
     * Session labels: {@code untrusted} for untrusted sources, the confidentiality level, and {@code pii} plus
     * {@code pii:<TYPE>} for each PII type.
     */
    public Set<String> labels() {
        return Labels.of(integrity, confidentiality, piiTypes);
    }

    /** The label vocabulary shared by chunks and the tool's declared output labels. */
    static final class Labels {
        private Labels() {}

        static Set<String> of(Integrity integrity, Confidentiality confidentiality, Set<String> piiTypes) {
            Set<String> labels = new LinkedHashSet<>();
            if (integrity == Integrity.UNTRUSTED) {
                labels.add(Integrity.UNTRUSTED.label());
            }
            labels.add(confidentiality.label());
            if (!piiTypes.isEmpty()) {
                labels.add("pii");
                piiTypes.stream().sorted().forEach(type -> labels.add("pii:" + type));
            }
            return labels;
        }
    }
}
