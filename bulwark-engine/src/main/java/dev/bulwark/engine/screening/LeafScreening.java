package dev.bulwark.engine.screening;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one output guard over a result that carries structured content, leaf by leaf, so that the structure survives
 * screening with its shape and types. The guard is shown the result's other content blocks followed by one text block
 * per string leaf (and, for guards that judge content rather than only {@linkplain OutputGuard#frames() frame} it, one
 * per object key); what it rewrote is put back where it came from. Numbers, booleans and nulls are kept; keys are
 * kept, and a guard that would change one withholds the output, since a renamed key breaks the structure and a key
 * that needs redacting cannot be passed on. The text block mirroring the structure is not shown to the guard: when a
 * leaf changed it is written anew from the screened structure, so text and structure always agree.
 *
 * <p>Results without structured content go to the guard as they are. Structure beyond the {@link StructureLimits},
 * a guard that changes the number or kind of blocks, or one that rewrites a key, withholds the output (fail closed).
 * Content origins (resource shapes) survive only when no block other than leaves changed.
 */
public final class LeafScreening {
    /** Most changed paths named in a reason; the count is always given. */
    static final int MAX_NAMED_PATHS = 16;
    static final int MAX_PATH_CHARS = 120;

    private final StructureLimits limits;

    public LeafScreening(StructureLimits limits) {
        this.limits = Checks.present(limits, "limits");
    }

    public LeafScreening() {
        this(StructureLimits.DEFAULT);
    }

    /**
     * What {@code guard} makes of {@code result}.
     *
     * @param changedPaths JSON Pointers of the string leaves the guard changed (keys and values of the output are
     *                     never in them beyond the path itself), in document order; empty when none changed
     */
    public record Outcome(Screening screening, List<String> changedPaths) {
        public Outcome {
            changedPaths = List.copyOf(Checks.present(changedPaths, "changedPaths"));
        }
    }

    /** Screens {@code result} with {@code guard}; a guard that throws is left to the caller, as for plain screening. */
    public Outcome screen(OutputGuard guard, ToolCall call, ToolResult result) {
        if (result.structuredContent() == null) {
            return new Outcome(guard.screen(call, result), List.of());
        }
        StructuredJson structure;
        try {
            structure = StructuredJson.parse(result.structuredContent(), limits);
        } catch (StructuredJson.Refused refused) {
            return new Outcome(new Screening.Block(refused.getMessage() + "; output withheld"), List.of());
        }
        boolean keysShown = !frames(guard);
        int mirror = mirrorIndex(result, structure);
        List<Content> view = new ArrayList<>();
        for (int i = 0; i < result.content().size(); i++) {
            if (i != mirror) {
                view.add(result.content().get(i));
            }
        }
        int others = view.size();
        structure.leaves().forEach(leaf -> view.add(new Content.Text(leaf.text())));
        if (keysShown) {
            structure.keys().forEach(key -> view.add(new Content.Text(key.text())));
        }
        Screening screening = guard.screen(call, new ToolResult(view, result.error(), result.labels()));
        if (!(screening instanceof Screening.Rewrite rewrite)) {
            return new Outcome(screening, List.of()); // pass, block or no verdict: the caller acts on it
        }
        List<Content> out = rewrite.result().content();
        if (out.size() != view.size()) {
            return blocked(guard, "changed the number of content blocks of a structured result");
        }
        boolean othersChanged = !out.subList(0, others).equals(view.subList(0, others));
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < structure.leaves().size(); i++) {
            StructuredJson.Slot leaf = structure.leaves().get(i);
            if (!(out.get(others + i) instanceof Content.Text text)) {
                return blocked(guard, "turned a string of structured content into binary content");
            }
            if (!text.text().equals(leaf.text())) {
                structure.replace(leaf, text.text());
                changed.add(leaf.path().isEmpty() ? "/" : leaf.path());
            }
        }
        if (keysShown) {
            int first = others + structure.leaves().size();
            for (int i = 0; i < structure.keys().size(); i++) {
                if (!(out.get(first + i) instanceof Content.Text text)
                        || !text.text().equals(structure.keys().get(i).text())) {
                    return blocked(guard, "would change an object key of structured content (in the object at '"
                            + bounded(structure.keys().get(i).path()) + "'); keys cannot be rewritten");
                }
            }
        }
        if (!othersChanged && changed.isEmpty()) {
            // nothing rewritten (e.g. findings policy allows): the original output with the guard's labels
            return new Outcome(new Screening.Rewrite(result, rewrite.reasons(), rewrite.labels()), List.of());
        }
        String structured = changed.isEmpty() ? result.structuredContent() : structure.write();
        List<Content> content = new ArrayList<>(out.subList(0, others));
        Content mirrored = changed.isEmpty() && mirror >= 0 ? result.content().get(mirror) : new Content.Text(structured);
        content.add(mirror >= 0 ? mirror : content.size(), mirrored);
        Map<Integer, dev.bulwark.spi.tool.ContentOrigin> origins = othersChanged ? Map.of() : result.origins();
        List<String> reasons = new ArrayList<>(rewrite.reasons());
        if (!changed.isEmpty()) {
            reasons.add("structured content: " + changed.size() + " string leaves changed");
        }
        ToolResult screened = new ToolResult(content, rewrite.result().error(), rewrite.result().labels(), structured,
                origins);
        return new Outcome(new Screening.Rewrite(screened, reasons, rewrite.labels()), named(changed));
    }

    /** The index of the text block holding the same JSON as the structure, or -1 when there is none. */
    private int mirrorIndex(ToolResult result, StructuredJson structure) {
        for (int i = 0; i < result.content().size(); i++) {
            if (result.content().get(i) instanceof Content.Text text && text.text().strip().startsWith("{")) {
                try {
                    if (StructuredJson.parse(text.text(), limits).root().equals(structure.root())) {
                        return i;
                    }
                } catch (StructuredJson.Refused notTheMirror) {
                    // another text block
                }
            }
        }
        return -1;
    }

    private static Outcome blocked(OutputGuard guard, String what) {
        return new Outcome(new Screening.Block("guard " + guardName(guard) + " " + what + "; output withheld"),
                List.of());
    }

    private static boolean frames(OutputGuard guard) {
        try {
            return guard.frames();
        } catch (RuntimeException e) {
            return false; // shown the keys too: the stricter reading
        }
    }

    private static String guardName(OutputGuard guard) {
        try {
            return bounded(String.valueOf(guard.name()));
        } catch (RuntimeException e) {
            return guard.getClass().getSimpleName();
        }
    }

    private static List<String> named(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths.size() && i < MAX_NAMED_PATHS; i++) {
            out.add(bounded(paths.get(i)));
        }
        if (paths.size() > MAX_NAMED_PATHS) {
            out.add("… and " + (paths.size() - MAX_NAMED_PATHS) + " more");
        }
        return out;
    }

    /** Printable and at most {@link #MAX_PATH_CHARS} characters, since keys come from the tool. */
    static String bounded(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PATH_CHARS) + 1);
        for (int i = 0; i < text.length() && out.length() < MAX_PATH_CHARS; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_PATH_CHARS) {
            out.append('…');
        }
        return out.toString();
    }
}
