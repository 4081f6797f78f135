package dev.bulwark.engine.screening;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ResultMeta;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
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
 * <p>The URI of each embedded resource is shown to guards that judge content, after the keys, so a secret or personal
 * data in it is found (it is bounded by {@link ContentOrigin}); a guard that would change it makes the block arrive as
 * plain content without the URI. Otherwise the embedded resource keeps its shape with its screened text or bytes, so
 * spotlighting keeps the content's type. A resource link is shown by its fields and rebuilt from what the guard left
 * of them ({@link LinkFields}).
 *
 * <p>The result's {@code _meta} and its blocks' are shown to guards that judge content (leaves, then keys) and
 * carried through screened ({@link MetaObjects}); annotations are carried through as they are.
 *
 * <p>Results with neither structured content, embedded resources, {@code _meta} nor annotations go to the guard as
 * they are. To screen a JSON document of another origin (e.g. a resource's contents) leaf by leaf, pass a result whose
 * structured content is the document and whose only text block is the same document. Structure beyond
 * the {@link StructureLimits}, a guard that changes the number or kind of blocks, or one that rewrites a key,
 * withholds the output (fail closed).
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
        List<Integer> embedded = embedded(result);
        if (result.structuredContent() == null && result.origins().isEmpty() && result.meta().isEmpty()) {
            return new Outcome(guard.screen(call, result), List.of());
        }
        StructuredJson structure = null;
        if (result.structuredContent() != null) {
            try {
                structure = StructuredJson.parse(result.structuredContent(), limits);
            } catch (StructuredJson.Refused refused) {
                return new Outcome(new Screening.Block(refused.getMessage() + "; output withheld"), List.of());
            }
        }
        boolean judges = !frames(guard);
        int mirror = structure == null ? -1 : mirrorIndex(result, structure);
        List<Content> view = new ArrayList<>();
        List<Integer> placeOf = new ArrayList<>(); // index in the result of each other block in the view
        LinkFields links = new LinkFields(result, judges);
        for (int i = 0; i < result.content().size(); i++) {
            if (i != mirror) {
                // a link is shown by its fields (below); its place holds an empty text
                view.add(links.contains(i) ? new Content.Text("") : result.content().get(i));
                placeOf.add(i);
            }
        }
        int others = view.size();
        List<StructuredJson.Slot> leaves = structure == null ? List.of() : structure.leaves();
        List<StructuredJson.Slot> keys = structure == null || !judges ? List.of() : structure.keys();
        leaves.forEach(leaf -> view.add(new Content.Text(leaf.text())));
        keys.forEach(key -> view.add(new Content.Text(key.text())));
        List<String> uris = new ArrayList<>();
        if (judges) {
            embedded.forEach(i -> uris.add(((ContentOrigin.Embedded) result.origins().get(i)).uri()));
        }
        uris.forEach(uri -> view.add(new Content.Text(uri)));
        MetaObjects metas = judges ? new MetaObjects(result.meta(), limits) : null;
        int firstMeta = view.size();
        if (metas != null) {
            view.addAll(metas.texts());
        }
        int firstLink = view.size();
        view.addAll(links.texts());
        Screening screening = guard.screen(call, new ToolResult(view, result.error(), result.labels()));
        if (!(screening instanceof Screening.Rewrite rewrite)) {
            return new Outcome(screening, List.of()); // pass, block or no verdict: the caller acts on it
        }
        List<Content> out = rewrite.result().content();
        if (out.size() != view.size()) {
            return blocked(guard, "changed the number of content blocks of a result");
        }
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            StructuredJson.Slot leaf = leaves.get(i);
            if (!(out.get(others + i) instanceof Content.Text text)) {
                return blocked(guard, "turned a string of structured content into binary content");
            }
            if (!text.text().equals(leaf.text())) {
                structure.replace(leaf, text.text());
                changed.add(leaf.path().isEmpty() ? "/" : leaf.path());
            }
        }
        int first = others + leaves.size();
        for (int i = 0; i < keys.size(); i++) {
            if (!(out.get(first + i) instanceof Content.Text text) || !text.text().equals(keys.get(i).text())) {
                return blocked(guard, "would change an object key of structured content (in the object at '"
                        + bounded(keys.get(i).path()) + "'); keys cannot be rewritten");
            }
        }
        int firstUri = first + keys.size();
        ResultMeta meta = metas == null ? null : metas.screened(out, firstMeta);
        Map<Integer, LinkFields.Rebuilt> rebuiltLinks = links.screened(out, firstLink);
        if (rebuiltLinks == null) {
            return blocked(guard, "turned a field of a resource link into binary content");
        }
        List<Content> screenedOthers = new ArrayList<>(others);
        boolean othersChanged = !out.subList(firstUri, firstMeta).equals(view.subList(firstUri, firstMeta))
                || links.changed(rebuiltLinks);
        for (int v = 0; v < others; v++) {
            LinkFields.Rebuilt link = rebuiltLinks.get(placeOf.get(v));
            if (link == null) {
                othersChanged |= !out.get(v).equals(view.get(v));
                screenedOthers.add(out.get(v));
            } else {
                boolean same = link.link() != null && link.link().equals(result.origins().get(placeOf.get(v)));
                screenedOthers.add(same ? result.content().get(placeOf.get(v)) : link.text());
            }
        }
        if (!othersChanged && changed.isEmpty() && meta == null) {
            // nothing rewritten (e.g. findings policy allows): the original output with the guard's labels
            return new Outcome(new Screening.Rewrite(result, rewrite.reasons(), rewrite.labels()), List.of());
        }
        String structured = structure == null ? null
                : changed.isEmpty() ? result.structuredContent() : structure.write();
        if (structured != null && structured.length() > limits.maxChars()) {
            return blocked(guard, "would grow structured content beyond " + limits.maxChars() + " characters");
        }
        List<Content> content = new ArrayList<>(screenedOthers);
        if (structure != null) {
            Content mirrored = changed.isEmpty() && mirror >= 0 ? result.content().get(mirror)
                    : new Content.Text(structured);
            content.add(mirror >= 0 ? mirror : content.size(), mirrored);
        }
        List<String> reasons = new ArrayList<>(rewrite.reasons());
        if (!changed.isEmpty()) {
            reasons.add("structured content: " + changed.size() + " string leaves changed");
        }
        ToolResult screened = new ToolResult(content, rewrite.result().error(), rewrite.result().labels(), structured,
                origins(result, placeOf, out, view, uris, firstUri, rebuiltLinks), meta == null ? result.meta() : meta);
        return new Outcome(new Screening.Rewrite(screened, reasons, rewrite.labels()), named(changed));
    }

    /**
     * The origins that still hold after the rewrite. A block whose origin is an embedded resource keeps it when the
     * guard left its URI as it was (framing guards are not shown URIs) and its kind (text or binary): the resource
     * arrives with the screened text or bytes. A resource link is rebuilt from its screened fields ({@link
     * LinkFields}). A URI a guard would change drops the origin: the block arrives as plain content.
     */
    private static Map<Integer, ContentOrigin> origins(ToolResult result, List<Integer> placeOf, List<Content> out,
                                                       List<Content> view, List<String> uris, int firstUri,
                                                       Map<Integer, LinkFields.Rebuilt> links) {
        Map<Integer, ContentOrigin> kept = new HashMap<>();
        List<Integer> embedded = embedded(result);
        for (int v = 0; v < placeOf.size(); v++) {
            int index = placeOf.get(v);
            ContentOrigin origin = result.origins().get(index);
            if (origin == null) {
                continue;
            }
            boolean holds = switch (origin) {
                case ContentOrigin.Link link -> links.get(index) != null && links.get(index).link() != null;
                case ContentOrigin.Embedded e -> out.get(v).getClass() == view.get(v).getClass()
                        && (uris.isEmpty() || out.get(firstUri + embedded.indexOf(index)).equals(
                                new Content.Text(e.uri())));
            };
            if (holds) {
                // the mirror goes back to its place, so every other block keeps its index
                kept.put(index, origin instanceof ContentOrigin.Link ? links.get(index).link() : origin);
            }
        }
        return kept;
    }

    /**
     * The index of the text block of {@code result} that mirrors its structured content (the same JSON), or -1 when
     * it has no structured content, no such block, or structure beyond the default limits. For readers that take the
     * structure itself and the rest as text (flow control), so the structure is not read twice.
     */
    public static int mirrorOf(ToolResult result) {
        if (result.structuredContent() == null) {
            return -1;
        }
        try {
            LeafScreening screening = new LeafScreening();
            return screening.mirrorIndex(result, StructuredJson.parse(result.structuredContent(), screening.limits));
        } catch (StructuredJson.Refused refused) {
            return -1;
        }
    }

    /** Indexes of the blocks read from embedded resources, in order. */
    private static List<Integer> embedded(ToolResult result) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < result.content().size(); i++) {
            if (result.origins().get(i) instanceof ContentOrigin.Embedded) {
                indexes.add(i);
            }
        }
        return indexes;
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
