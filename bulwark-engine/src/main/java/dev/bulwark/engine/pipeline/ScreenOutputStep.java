package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.screening.LeafScreening;
import dev.bulwark.engine.validation.OutputSchemaCheck;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every output guard in order over the output. A rewrite replaces the output and adds its labels; a block, a
 * missing verdict or a guard that throws withholds the output. A block that carries labels still adds them and marks
 * the call {@link #EXPOSED}, so that {@link SessionStep} records it: the session was exposed to what the tool returned.
 * A guard's reason is recorded, not shown, since it may quote what was blocked.
 *
 * <p>Structured output is screened leaf by leaf ({@link LeafScreening}), so it keeps its shape. When a guard changed
 * it and the tool declares an output schema the result no longer conforms to, the result becomes a tool error
 * ({@link #SCHEMA_NOTE} then the screened content, no structure): a client is never handed a "successful" result that
 * breaks the schema it was promised. The audit record's {@code structuredContent} note says which guard changed which
 * leaves (paths and the guard's reasons, never values) and whether the schema still held; its {@code screening} note
 * lists every guard that rewrote or labelled the output with its reasons (finding types and counts, scores, the
 * spotlighting mode — guards' rewrite reasons never quote the output).
 */
public final class ScreenOutputStep implements CallStep {
    /** Set when a guard withheld the output but labelled it: the session must still learn those labels. */
    static final ContextKey<Exposure> EXPOSED = ContextKey.of("output-withheld-with-labels", Exposure.class);

    /**
     * What a delivered output says, for information-flow control: the output as it stood before the first guard that
     * only {@linkplain OutputGuard#frames() frames} it rewrote it (or the delivered output, when no framing guard did,
     * or a guard that changes content rewrote it after framing), with the labels the call had before screening and
     * those that guards judging the content (not framing it) added.
     */
    public static final ContextKey<Said> SAID = ContextKey.of("output-said", Said.class);

    /**
     * @param result     the output, unframed
     * @param before     the labels before screening (the tool's and its connector's)
     * @param judged     the labels guards that do not only frame added
     * @param unscreened the output as the tool returned it, before any guard (what a quarantine removed is in it)
     */
    public record Said(ToolResult result, Set<String> before, Set<String> judged, ToolResult unscreened) {
        public Said {
            Checks.present(result, "result");
            Checks.present(unscreened, "unscreened");
            before = Set.copyOf(before);
            judged = Set.copyOf(judged);
        }

        public Said(ToolResult result, Set<String> before, Set<String> judged) {
            this(result, before, judged, result);
        }
    }

    /** The labels a blocking guard gave the output it withheld. */
    record Exposure(Set<String> labels) {
    }

    /** First text block of a result whose structured content a guard changed so that it broke the output schema. */
    public static final String SCHEMA_NOTE = "Bulwark: a guard changed this tool's structured output so that it no"
            + " longer conforms to the tool's output schema; it is withheld and the screened output follows.";

    private final List<OutputGuard> guards;
    private final LeafScreening leaves;
    private final OutputSchemaCheck schemas = new OutputSchemaCheck();

    public ScreenOutputStep(List<? extends OutputGuard> guards) {
        this(guards, new LeafScreening());
    }

    public ScreenOutputStep(List<? extends OutputGuard> guards, LeafScreening leaves) {
        this.guards = List.copyOf(Checks.present(guards, "guards"));
        this.leaves = Checks.present(leaves, "leaves");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        ToolCall toolCall = call.requireToolCall();
        CallContext screened = call;
        ToolResult unframed = null;
        boolean framed = false;
        Set<String> judged = new java.util.LinkedHashSet<>();
        List<Map<String, Object>> structureChanges = new ArrayList<>();
        List<Map<String, Object>> rewrites = new ArrayList<>();
        for (OutputGuard guard : guards) {
            String name = nameOf(guard);
            Screening screening;
            try {
                LeafScreening.Outcome outcome = leaves.screen(guard, toolCall, screened.requireResult());
                screening = outcome.screening();
                if (screening instanceof Screening.Rewrite rewrite) {
                    rewrites.add(change(name, rewrite, List.of()));
                    if (!outcome.changedPaths().isEmpty()) {
                        structureChanges.add(change(name, rewrite, outcome.changedPaths()));
                    }
                }
            } catch (Exception e) {
                return screened.refuse(Refusal.OUTPUT_BLOCKED, blocked(name),
                        "guard " + name + " threw " + e.getClass().getName());
            }
            observed(call, name, screening);
            switch (screening) {
                case null -> {
                    return screened.refuse(Refusal.OUTPUT_BLOCKED, blocked(name), "guard " + name + " gave no verdict");
                }
                case Screening.Pass pass -> {
                }
                case Screening.Rewrite rewrite -> {
                    if (framesSafely(guard)) {
                        unframed = framed ? unframed : screened.requireResult();
                        framed = true;
                    } else {
                        judged.addAll(rewrite.labels());
                        if (framed) {
                            unframed = null; // content changed after framing: the framed output is the only true view
                        }
                    }
                    screened = screened.withResult(rewrite.result(), rewrite.labels());
                }
                case Screening.Block block -> {
                    CallContext exposed = block.labels().isEmpty() ? screened
                            : screened.withResult(screened.requireResult(), block.labels())
                                    .with(EXPOSED, new Exposure(block.labels()));
                    return exposed.refuse(Refusal.OUTPUT_BLOCKED, blocked(name),
                            "guard " + name + " blocked: " + block.reason());
                }
            }
        }
        Said said = new Said(unframed == null ? screened.requireResult() : unframed, call.labels(), judged,
                call.requireResult());
        screened = conforming(call.requireResult(), screened, structureChanges);
        if (!rewrites.isEmpty()) {
            screened = AuditNotes.add(screened, "screening", rewrites);
        }
        return next.proceed(screened.with(SAID, said));
    }

    /**
     * The screened call, its result turned into a tool error when guards changed its structured content and it no
     * longer conforms to the output schema; with the audit note on structured content when a guard changed it.
     */
    private CallContext conforming(ToolResult original, CallContext screened, List<Map<String, Object>> changes) {
        ToolResult result = screened.requireResult();
        if (changes.isEmpty() || result.structuredContent() == null
                || result.structuredContent().equals(original.structuredContent())) {
            return screened;
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("changes", changes);
        if (result.error()) {
            return AuditNotes.add(screened, "structuredContent", note);
        }
        List<String> problems = schemas.problems(screened.requireToolCall().tool(), result.structuredContent())
                .orElse(List.of());
        note.put("outputSchema", problems.isEmpty() ? "conforms" : "broken");
        if (problems.isEmpty()) {
            return AuditNotes.add(screened, "structuredContent", note);
        }
        note.put("schemaProblems", problems);
        List<dev.bulwark.spi.tool.Content> content = new ArrayList<>(result.content().size() + 1);
        content.add(new dev.bulwark.spi.tool.Content.Text(SCHEMA_NOTE));
        content.addAll(result.content());
        return AuditNotes.add(screened.withResult(new ToolResult(content, true, result.labels()), Set.of()),
                "structuredContent", note);
    }

    private static Map<String, Object> change(String guard, Screening.Rewrite rewrite, List<String> paths) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("guard", guard);
        change.put("reasons", rewrite.reasons().stream().limit(16).map(r -> Texts.printable(r, 200)).toList());
        if (!paths.isEmpty()) {
            change.put("paths", paths);
        }
        return change;
    }

    /** Tells the call's observer, if any, what the guard found; an observer cannot affect the screening. */
    private static void observed(CallContext call, String guard, Screening screening) {
        if (screening == null) {
            return;
        }
        CallObservation observation = call.get(CallObservation.KEY).orElse(null);
        if (observation != null) {
            try {
                observation.screened(guard, screening);
            } catch (RuntimeException ignored) {
                // telemetry never affects a call
            }
        }
    }

    private static boolean framesSafely(OutputGuard guard) {
        try {
            return guard.frames();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String blocked(String guardName) {
        return "the tool's output was blocked by guard '" + guardName + "'";
    }

    private static String nameOf(OutputGuard guard) {
        try {
            String name = guard.name();
            return name == null || name.isBlank() ? guard.getClass().getSimpleName() : Texts.printable(name, 64);
        } catch (RuntimeException e) {
            return guard.getClass().getSimpleName();
        }
    }
}
