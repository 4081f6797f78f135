package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Set;

/**
 * Runs every output guard in order over the output. A rewrite replaces the output and adds its labels; a block, a
 * missing verdict or a guard that throws withholds the output. A block that carries labels still adds them and marks
 * the call {@link #EXPOSED}, so that {@link SessionStep} records it: the session was exposed to what the tool returned.
 * A guard's reason is recorded, not shown, since it may quote what was blocked.
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

    private final List<OutputGuard> guards;

    public ScreenOutputStep(List<? extends OutputGuard> guards) {
        this.guards = List.copyOf(Checks.present(guards, "guards"));
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        ToolCall toolCall = call.requireToolCall();
        CallContext screened = call;
        ToolResult unframed = null;
        boolean framed = false;
        Set<String> judged = new java.util.LinkedHashSet<>();
        for (OutputGuard guard : guards) {
            String name = nameOf(guard);
            Screening screening;
            try {
                screening = guard.screen(toolCall, screened.requireResult());
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
        return next.proceed(screened.with(SAID, new Said(unframed == null ? screened.requireResult() : unframed,
                call.labels(), judged, call.requireResult())));
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
