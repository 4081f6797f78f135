package dev.bulwark.spi.guard;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Set;

/** A guard's verdict on a tool's output. */
public sealed interface Screening permits Screening.Pass, Screening.Rewrite, Screening.Block {

    /** The output may go to the agent unchanged. */
    record Pass() implements Screening {
    }

    /**
     * The output goes to the agent as {@code result} (e.g. redacted), and the session learns {@code labels}.
     * {@code reasons} say what was found and done (finding types and counts, scores); they are recorded in the call's
     * audit record as given, so they never quote the output.
     */
    record Rewrite(ToolResult result, List<String> reasons, Set<String> labels) implements Screening {
        public Rewrite {
            Checks.present(result, "result");
            reasons = List.copyOf(Checks.present(reasons, "reasons"));
            labels = Set.copyOf(Checks.present(labels, "labels"));
        }
    }

    /**
     * The output must not reach the agent; the session still learns {@code labels} (a session whose tool returned an
     * injection attempt is exposed to that attacker even though this output was withheld).
     */
    record Block(String reason, Set<String> labels) implements Screening {
        public Block {
            Checks.nonBlank(reason, "reason");
            labels = Set.copyOf(Checks.present(labels, "labels"));
        }

        /** A block that labels nothing. */
        public Block(String reason) {
            this(reason, Set.of());
        }
    }
}
