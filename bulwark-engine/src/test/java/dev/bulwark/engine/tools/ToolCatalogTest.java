package dev.bulwark.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {
    private final Principal alice = new Principal(new Agent("alice", "o", Set.of(), Map.of(), AgentStatus.ACTIVE,
            Instant.EPOCH), Optional.empty(), "jti", Set.of(), Instant.EPOCH.plusSeconds(60));
    private final ToolRegistry registry = new ToolRegistry(List.of(new ToolRegistryTest.Listing("docs",
            ToolRegistryTest.tool("docs", "search"), ToolRegistryTest.tool("docs", "delete"),
            ToolRegistryTest.tool("docs", "odd"))));

    private PolicyEngine listing(java.util.function.Predicate<Tool> rule) {
        return new PolicyEngine() {
            @Override
            public Decision decide(DecisionRequest request) {
                throw new AssertionError("listing must not decide calls");
            }

            @Override
            public boolean mayList(Principal principal, Tool tool) {
                if (tool.name().equals("docs.odd")) {
                    throw new IllegalStateException("cannot evaluate");
                }
                return principal.agent().id().equals("alice") && rule.test(tool);
            }
        };
    }

    @Test
    void listsOnlyToolsPolicyLetsThePrincipalSee() {
        ToolCatalog catalog = new ToolCatalog(registry, listing(t -> t.name().equals("docs.search")));

        assertThat(catalog.listTools(alice)).extracting(Tool::name).containsExactly("docs.search");
        assertThat(catalog.listTools(new Authentication.Authenticated(alice))).extracting(Tool::name)
                .containsExactly("docs.search");
    }

    @Test
    void hidesAToolWhoseVisibilityCannotBeDecided() {
        ToolCatalog catalog = new ToolCatalog(registry, listing(t -> true));

        assertThat(catalog.listTools(alice)).extracting(Tool::name).containsExactly("docs.search", "docs.delete");
    }

    @Test
    void decidesOneToolByNameWithTheSameRules() {
        ToolCatalog catalog = new ToolCatalog(registry, listing(t -> t.name().equals("docs.search")));

        assertThat(catalog.visible(alice, "docs.search")).isTrue();
        assertThat(catalog.visible(alice, "docs.delete")).isFalse();
        assertThat(catalog.visible(alice, "docs.odd")).as("undecidable is hidden").isFalse();
        assertThat(catalog.visible(alice, "docs.unknown")).as("unknown is hidden").isFalse();
    }
}
