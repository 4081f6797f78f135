package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Tool;
import java.util.Optional;

/** Finds the called tool among the connectors' current tools; a name no connector lists is refused. */
public final class ResolveToolStep implements CallStep {
    private final ToolRegistry registry;

    public ResolveToolStep(ToolRegistry registry) {
        this.registry = Checks.present(registry, "registry");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Optional<Tool> tool = registry.find(call.request().toolName());
        if (tool.isEmpty()) {
            return call.refuse(Refusal.UNKNOWN_TOOL,
                    "unknown tool: " + Texts.printable(call.request().toolName(), 80));
        }
        return next.proceed(call.withTool(tool.get()));
    }
}
