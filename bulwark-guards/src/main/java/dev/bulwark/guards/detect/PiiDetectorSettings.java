package dev.bulwark.guards.detect;

import java.util.List;
import java.util.Set;

/**
 * How {@link PatternPiiDetector} works.
 *
 * @param minScore      findings scoring below this are dropped, 0 to 1
 * @param phoneRegions  ISO 3166 regions whose national number formats are tried for numbers without "+"
 * @param types         finding types to report; empty means all
 * @param chunkSize     characters matched at a time (bounded memory on huge texts)
 * @param chunkOverlap  characters shared by neighbouring chunks; findings longer than this may be cut at a boundary
 * @param maxFindings   more findings than this in one text fails the detection (callers fail closed)
 */
public record PiiDetectorSettings(double minScore, List<String> phoneRegions, Set<String> types, int chunkSize,
                                  int chunkOverlap, int maxFindings) {
    public PiiDetectorSettings {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be within [0, 1]: " + minScore);
        }
        phoneRegions = List.copyOf(phoneRegions);
        if (phoneRegions.isEmpty()) {
            throw new IllegalArgumentException("phoneRegions must name at least one region");
        }
        types = Set.copyOf(types);
        if (chunkSize < 1024) {
            throw new IllegalArgumentException("chunkSize must be at least 1024: " + chunkSize);
        }
        if (chunkOverlap < 256 || chunkOverlap > chunkSize / 2) {
            throw new IllegalArgumentException("chunkOverlap must be within [256, chunkSize / 2]: " + chunkOverlap);
        }
        if (maxFindings < 1) {
            throw new IllegalArgumentException("maxFindings must be positive: " + maxFindings);
        }
    }

    public static PiiDetectorSettings defaults() {
        return new PiiDetectorSettings(0.35,
                List.of("US", "GB", "DE", "FR", "IN", "BR"),
                Set.of(), 32_768, 1_024, 1_000_000);
    }

    public PiiDetectorSettings withMinScore(double score) {
        return new PiiDetectorSettings(score, phoneRegions, types, chunkSize, chunkOverlap, maxFindings);
    }

    public PiiDetectorSettings withTypes(Set<String> only) {
        return new PiiDetectorSettings(minScore, phoneRegions, only, chunkSize, chunkOverlap, maxFindings);
    }

    public PiiDetectorSettings withChunks(int size, int overlap) {
        return new PiiDetectorSettings(minScore, phoneRegions, types, size, overlap, maxFindings);
    }
}
