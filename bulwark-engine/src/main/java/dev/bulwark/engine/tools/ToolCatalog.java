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
            boolean listed;
            try {
                listed = policies.mayList(principal, tool);
            } catch (RuntimeException e) {
                listed = false;
            }
            if (listed) {
                visible.add(tool);
            }
        }
        return List.copyOf(visible);
    }
}
