package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The chunks a search returned, and the chunks it withheld because their ciphertext did not authenticate. A withheld
 * chunk is reported by id only; its bytes are never returned.
 */
public record SearchOutcome(List<RetrievedChunk> chunks, List<WithheldChunk> withheld) {
    public SearchOutcome {
        chunks = List.copyOf(Checks.present(chunks, "chunks"));
        withheld = List.copyOf(Checks.present(withheld, "withheld"));
    }

    /** A chunk that matched but could not be decrypted. */
    public record WithheldChunk(String documentId, int ordinal, String reason) {
        public WithheldChunk {
            Checks.nonBlank(documentId, "documentId");
            Checks.nonBlank(reason, "reason");
        }
    }

    /** The union of the labels of the returned chunks. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        chunks.forEach(c -> labels.addAll(c.labels()));
        return labels;
    }
}
