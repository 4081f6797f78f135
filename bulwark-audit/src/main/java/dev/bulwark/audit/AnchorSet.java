package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The anchors read from a witness, with what was wrong with the source. Reading never throws: a hostile or damaged
 * source yields problems, not a crash.
 *
 * @param anchors  every well-formed anchor, in source order (signatures are checked by the verifier)
 * @param warnings lines or rows that are not anchors, anchors out of order: reported, they prove nothing
 * @param failures the source could not be read at all: nothing can be proved from it
 */
public record AnchorSet(List<Checkpoint> anchors, List<String> warnings, List<String> failures) {
    /** Problems listed at most, so that a source of garbage cannot flood the report. */
    static final int MAX_PROBLEMS = 20;

    public AnchorSet {
        anchors = List.copyOf(Checks.present(anchors, "anchors"));
        warnings = List.copyOf(Checks.present(warnings, "warnings"));
        failures = List.copyOf(Checks.present(failures, "failures"));
    }

    static AnchorSet unreadable(String source, Exception e) {
        return new AnchorSet(List.of(), List.of(),
                List.of("cannot read anchors from " + source + ": " + e.getMessage()));
    }

    /**
     * Reads anchors from a JDBC URL of a witness database ({@code jdbc:...}) or else from a file of anchor lines
     * (a file witness, or an export of a webhook receiver's copy).
     */
    public static AnchorSet from(String source, Properties connectionProperties) {
        Checks.nonBlank(source, "source");
        if (source.startsWith("jdbc:")) {
            return JdbcWitness.read(source, connectionProperties);
        }
        return FileWitness.read(java.nio.file.Path.of(source));
    }

    /** Parses anchor lines; over-long lines are cut off unread (a file of garbage cannot exhaust memory). */
    static AnchorSet parse(Reader in, String source) throws IOException {
        Collector collector = new Collector(source);
        StringBuilder line = new StringBuilder();
        boolean overlong = false;
        long number = 1;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                collector.line(number++, line.toString(), overlong);
                line.setLength(0);
                overlong = false;
            } else if (line.length() <= AnchorLines.MAX_LINE) {
                line.append((char) c);
            } else {
                overlong = true;
            }
        }
        if (!line.isEmpty() || overlong) {
            collector.line(number, line.toString(), overlong);
        }
        return collector.result();
    }

    /** Gathers anchors and problems in source order. */
    static final class Collector {
        private final String source;
        private final List<Checkpoint> anchors = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private long suppressed;
        private long highest;

        Collector(String source) {
            this.source = source;
        }

        void line(long number, String text, boolean overlong) {
            if (text.isBlank() && !overlong) {
                return;
            }
            Checkpoint anchor;
            try {
                if (overlong) {
                    throw new IllegalArgumentException("longer than " + AnchorLines.MAX_LINE + " characters");
                }
                anchor = AnchorLines.parse(text);
            } catch (RuntimeException e) {
                warn(source + " line " + number + " is not an anchor (ignored): " + e.getMessage());
                return;
            }
            add(number, anchor);
        }

        void add(long number, Checkpoint anchor) {
            if (anchor.sequence() < highest) {
                warn(source + " line " + number + ": anchor for record " + anchor.sequence()
                        + " comes after one for record " + highest + " (witnesses append in order: reordered?)");
            }
            highest = Math.max(highest, anchor.sequence());
            anchors.add(anchor);
        }

        void warn(String warning) {
            if (warnings.size() < MAX_PROBLEMS) {
                warnings.add(warning);
            } else {
                suppressed++;
            }
        }

        AnchorSet result() {
            if (suppressed > 0) {
                warnings.add("... and " + suppressed + " more problems in " + source);
            }
            return new AnchorSet(anchors, warnings, List.of());
        }
    }
}
