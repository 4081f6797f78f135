package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.Set;

/**
 * Hands the allowed call to its connector, with the agent's progress listener. The output starts out carrying the
 * tool's output labels.
 */
public final class ExecuteStep implements CallStep {
    private final ToolRegistry registry;

    public ExecuteStep(ToolRegistry registry) {
        this.registry = Checks.present(registry, "registry");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        call.requireAllow();
        Tool tool = call.requireTool();
        Connector connector = registry.connectorFor(tool);
        ToolCall toolCall = new ToolCall(call.callId(), tool, call.requireArguments(), call.requirePrincipal(),
                call.request().sessionId());
        CallContext executing = call.withToolCall(toolCall);
        ToolResult result;
        try {
            result = connector.call(toolCall, CallListener.of(call.request().progress(), call.get(DecideStep.REQUEST)));
        } catch (ConnectorException e) {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? "no detail" : e.getMessage();
            return executing.refuse(Refusal.CONNECTOR_FAILED, "tool " + tool.name() + " failed: " + detail,
                    e.getCause() == null ? null : "caused by " + e.getCause().getClass().getName());
        }
        if (result == null) {
            return executing.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "connector " + connector.name() + " returned no result");
        }
        Set<String> labels = result.labels().isEmpty() ? tool.outputLabels() : union(tool.outputLabels(), result.labels());
        return next.proceed(executing.withResult(result, labels));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
