package dev.bulwark.engine.tools;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.List;

/** The tools shown to a principal in {@code tools/list}: the registry's tools that policy lets it see. */
public final class ToolCatalog {
    private final ToolRegistry registry;
    private final PolicyEngine policies;

    public ToolCatalog(ToolRegistry registry, PolicyEngine policies) {
        this.registry = Checks.present(registry, "registry");
        this.policies = Checks.present(policies, "policies");
    }

    public List<Tool> listTools(Authentication.Authenticated authenticated) {
        return listTools(Checks.present(authenticated, "authenticated").principal());
    }

    /** A tool whose visibility cannot be decided (policy throws) is hidden. */
    public List<Tool> listTools(Principal principal) {
        Checks.present(principal, "principal");
        List<Tool> visible = new ArrayList<>();
        for (Tool tool : registry.all()) {
            if (mayList(principal, tool)) {
                visible.add(tool);
            }
        }
        return List.copyOf(visible);
    }

    /**
     * Whether one tool, by name, is shown to the principal (the MCP SDK filters tool by tool). Unknown tools and tools
     * whose visibility cannot be decided are hidden.
     */
    public boolean visible(Principal principal, String toolName) {
        Checks.present(principal, "principal");
        return registry.find(toolName).map(tool -> mayList(principal, tool)).orElse(false);
    }

    private boolean mayList(Principal principal, Tool tool) {
        try {
            return policies.mayList(principal, tool);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
