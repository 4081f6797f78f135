package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * What ingestion stored.
 *
 * @param documentId   the id chunks are stored under (the source id)
 * @param chunks       how many chunks were indexed
 * @param piiTypes     the PII types detectors found anywhere in the document
 * @param removedChars how many characters the sanitizer removed (markup, hidden text, invisible characters)
 * @param replaced     whether an earlier version of the document was replaced
 */
public record IngestResult(String documentId, int chunks, Set<String> piiTypes, int removedChars, boolean replaced) {
    public IngestResult {
        Checks.nonBlank(documentId, "documentId");
        if (chunks < 1 || removedChars < 0) {
            throw new IllegalArgumentException("chunks must be >= 1 and removedChars >= 0");
        }
        piiTypes = Set.copyOf(Checks.present(piiTypes, "piiTypes"));
    }
}
