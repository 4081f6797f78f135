package dev.bulwark.engine.flow;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.engine.pipeline.ScreenOutputStep;
import dev.bulwark.engine.pipeline.ContextKey;
import dev.bulwark.engine.screening.LeafScreening;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Traces the call's arguments to what its session has seen and puts the {@link CallProvenance} in the context for
 * the decision; once the call has completed, records the output the agent received (after screening) with its
 * labels. {@code StandardPipeline} runs it after argument validation and the session step, before the decision, which
 * gives {@code provenance.toJson()} to policy as {@code context.flow} (see docs/security/flow.md, "Wiring").
 */
public final class FlowStep implements CallStep {
    /** Where the step leaves the call's provenance for later steps. */
    public static final ContextKey<CallProvenance> PROVENANCE = ContextKey.of("flow", CallProvenance.class);

    private final FlowStates sessions;
    private final Function<String, ToolFlow> tools;

    /** @param tools the flow configuration of a tool by name; {@code null} means {@link ToolFlow#UNCONFIGURED} */
    public FlowStep(FlowStates sessions, Function<String, ToolFlow> tools) {
        this.sessions = Checks.present(sessions, "sessions");
        this.tools = Checks.present(tools, "tools");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        String toolName = call.requireTool().name();
        ToolFlow tool = tools.apply(toolName);
        if (tool == null) {
            tool = ToolFlow.UNCONFIGURED;
        }
        SessionFlow flow;
        try {
            flow = sessions.of(call);
        } catch (RuntimeException e) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "flow state unreadable: " + e.getClass().getName());
        }
        CallProvenance provenance = flow.provenance(call.requireArguments(), tool.sinks());
        Conclusion conclusion = next.proceed(call.with(PROVENANCE, provenance));
        if (!conclusion.completed()) {
            recordWithheld(call, flow, conclusion);
            return conclusion; // the agent received nothing
        }
        CallContext done = conclusion.call();
        SessionFlow.Arguments arguments = flow.arguments(call.requireArguments());
        recordWritten(call, flow, arguments);
        ScreenOutputStep.Said said = done.get(ScreenOutputStep.SAID).orElse(null);
        Set<String> labels = new LinkedHashSet<>(done.labels());
        if (tool.trustedOutput() && said != null) {
            // The operator vouches for this tool: the connector's blanket 'untrusted' on everything an upstream returns,
            // and a spotlighting guard's framing, yield; a label a content guard judged still wins.
            labels = new LinkedHashSet<>(said.before());
            labels.remove(Source.UNTRUSTED_LABEL);
            labels.addAll(said.judged());
        }
        if (tool.trustedOutput()) {
            labels.add(Source.TRUSTED_LABEL); // without a screening step, any 'untrusted' label still wins
        }
        // what the output says, not how a spotlighting guard framed it for the model
        ToolResult saidResult = said == null ? done.requireResult() : said.result();
        int mirror = tool.records() ? LeafScreening.mirrorOf(saidResult) : -1;
        if (mirror >= 0) {
            // structured output of a records tool: its leaves are the records; the other blocks (not the mirror,
            // which would read the same values again as text) are text
            flow.output(saidResult.structuredContent(), labels, true, arguments);
            flow.output(textBesides(saidResult, mirror), labels, false, arguments);
        } else {
            flow.output(saidResult.joinedText(), labels, tool.records(), arguments);
        }
        if (said != null && said.judged().contains(Source.UNTRUSTED_LABEL) && said.unscreened() != said.result()) {
            // A content guard judged the output untrusted and changed it (quarantined lines): what it removed came
            // within the agent's reach all the same (another path, or what it expected to read), so its values are
            // recorded as untrusted, never trusted, like those of an output withheld whole.
            flow.output(said.unscreened().joinedText(), Set.of(Source.UNTRUSTED_LABEL), false, arguments);
        }
        try {
            sessions.recorded(call, flow);
        } catch (RuntimeException e) {
            // fail closed: an output the shared index does not know of must not reach the agent
            return done.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "flow state not stored: " + e.getClass().getName());
        }
        return conclusion;
    }

    /** The text blocks of {@code result} but the one at {@code skipped}, joined by newlines. */
    private static String textBesides(ToolResult result, int skipped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < result.content().size(); i++) {
            if (i != skipped && result.content().get(i) instanceof Content.Text t) {
                out.append(out.isEmpty() ? "" : "\n").append(t.text());
            }
        }
        return out.toString();
    }

    /** A tool that ran and may change something: the untrusted values it was given are marked written. */
    private static void recordWritten(CallContext call, SessionFlow flow, SessionFlow.Arguments arguments) {
        if (call.requireTool().kind() != ToolKind.READ) {
            flow.written(arguments);
        }
    }

    /**
     * An output the tool produced but the gateway withheld (a guard blocked it, or a later step refused) still came
     * into the session's reach: the agent may have it by another path, or act on what it expected it to say. Its values
     * are recorded as untrusted, never trusted, so they meet flow control in a sink instead of looking unseen. Only
     * ever adds untrusted sources; a failure to store it leaves the call refused as it already is.
     */
    private void recordWithheld(CallContext call, SessionFlow flow, Conclusion conclusion) {
        var raw = conclusion.call().result();
        if (raw.isEmpty()) {
            return; // the tool never ran
        }
        recordWritten(call, flow, flow.arguments(call.requireArguments()));
        flow.output(raw.get().joinedText(), Set.of(Source.UNTRUSTED_LABEL));
        try {
            sessions.recorded(call, flow);
        } catch (RuntimeException e) {
            // the call is refused already; the next call reads the stored index, where these values stay unknown
        }
    }
}
