package dev.bulwark.guards.detect;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.List;

/** Collects what recognizers propose for one prepared text, converting spans back to the original's indices. */
final class Candidates {
    private final ScanText scan;
    private final List<Finding> found = new ArrayList<>();
    private final int limit;
    private TextShape shape;

    Candidates(ScanText scan, int limit) {
        this.scan = scan;
        this.limit = limit;
    }

    /** Proposes {@code [start, end)} of the matching text; scores outside [0, 1] are clamped. */
    void add(String type, int start, int end, double score, String recognizer) {
        if (end <= start || score <= 0) {
            return;
        }
        if (found.size() >= limit) {
            throw new DetectionLimitException("more than " + limit + " candidate findings in one chunk");
        }
        int s = scan.originalStart(start);
        int e = scan.originalEnd(end);
        found.add(new Finding(type, s, Math.max(s, e), Math.min(1.0, score), recognizer));
    }

    String scanText() {
        return scan.text();
    }

    /** Where matches can begin in {@link #scanText()}; computed once, on first use. */
    TextShape shape() {
        if (shape == null) {
            shape = TextShape.of(scan.text());
        }
        return shape;
    }

    List<Finding> all() {
        return found;
    }
}
