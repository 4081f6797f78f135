package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.ToolKind;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether an upstream may ask a principal's client for sampling, elicitation or roots: deny unless permitted. */
class RelayDecisionTest {
    @TempDir
    Path dir;
    private CedarPolicyEngine engine;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("relay.cedar"), """
                // calls on the connector: never relaying
                permit(principal in Bulwark::Role::"caller", action in Bulwark::Action::"call",
                       resource in Bulwark::Connector::"everything");
                @id("sampling-for-support")
                permit(principal in Bulwark::Role::"support", action == Bulwark::Action::"sampling",
                       resource in Bulwark::Connector::"everything");
                @id("relay-for-ops")
                permit(principal in Bulwark::Role::"ops", action in Bulwark::Action::"relay", resource);
                @id("no-roots-from-untrusted")
                forbid(principal, action == Bulwark::Action::"roots", resource in Bulwark::Connector::"untrusted");
                @id("staff-elicitation")
                permit(principal is Bulwark::User in Bulwark::Role::"staff", action == Bulwark::Action::"elicitation",
                       resource);
                """);
        engine = CedarPolicyEngine.load(dir);
    }

    @ParameterizedTest(name = "{0} ({1}) asks {3} of {2}: {4}")
    @CsvSource({
            // agent role, user role ('-' = no user), upstream, feature, allowed
            "caller,  -,     everything, sampling,    false",
            "caller,  -,     everything, elicitation, false",
            "support, -,     everything, sampling,    true",
            "support, -,     everything, elicitation, false",
            "support, -,     other,      sampling,    false",
            "ops,     -,     everything, roots,       true",
            "ops,     -,     untrusted,  roots,       false",
            "ops,     -,     untrusted,  sampling,    true",
            "ops,     staff, any,        elicitation, true",
            "ops,     guest, any,        elicitation, false",
            "ops,     -,     everything, call,        false",
            "nobody,  -,     everything, sampling,    false",
    })
    void decidesRelayByRoleUpstreamAndFeature(String agentRole, String userRole, String upstream, String feature,
                                              boolean allowed) {
        Principal principal = userRole.equals("-") ? Requests.principal(Requests.agent("a1", agentRole))
                : Requests.principal(Requests.agent("a1", agentRole), Requests.user("u1", userRole));
        Decision decision = engine.decideRelay(call(principal, upstream), feature);
        assertThat(decision.allowed()).as(String.valueOf(decision)).isEqualTo(allowed);
    }

    @Test
    void aDeniedRelayNamesTheForbidThatDeniedIt() {
        Decision decision = engine.decideRelay(call(Requests.principal(Requests.agent("a1", "ops")), "untrusted"),
                "roots");
        assertThat(decision.policyIds()).containsExactly("no-roots-from-untrusted");
    }

    @Test
    void aConditionOnTheCallsArgumentsIsEvaluated() throws IOException {
        Files.writeString(dir.resolve("relay.cedar"), """
                permit(principal, action == Bulwark::Action::"sampling", resource)
                  when { context.arguments has prompt && context.arguments.prompt == "ok" };
                """);
        Files.writeString(dir.resolve("args.cedarschema"),
                "namespace Bulwark { type Arguments = { prompt?: String }; }");
        CedarPolicyEngine conditional = CedarPolicyEngine.load(dir);
        Principal principal = Requests.principal(Requests.agent("a1"));
        DecisionRequest ok = new DecisionRequest(principal, Requests.tool("everything.test_sampling", ToolKind.READ),
                Map.of("prompt", "ok"), SessionFacts.fresh("s-1", Requests.MONDAY_NOON), Requests.MONDAY_NOON);
        DecisionRequest other = new DecisionRequest(principal, ok.tool(), Map.of("prompt", "other"), ok.session(),
                ok.time());
        assertThat(conditional.decideRelay(ok, "sampling").allowed()).isTrue();
        assertThat(conditional.decideRelay(other, "sampling").allowed()).isFalse();
    }

    private static DecisionRequest call(Principal principal, String upstream) {
        return new DecisionRequest(principal, Requests.tool(upstream + ".some_tool", ToolKind.READ), Map.of(),
                SessionFacts.fresh("s-1", Requests.MONDAY_NOON), Requests.MONDAY_NOON);
    }
}
