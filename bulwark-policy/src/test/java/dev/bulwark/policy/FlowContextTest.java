package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow facts of a request reach Cedar as {@code context.flow}, declared by the schema and validated strictly. */
class FlowContextTest {
    private static final Tool SEND = Requests.tool("mail.send", ToolKind.EGRESS);
    private static final Principal BOT = Requests.principal(Requests.agent("a1", "support"));
    private static final String PERMIT_ALL = "@id(\"all\") permit(principal, action, resource);\n";
    private static final String DESTINATION_RULE = """
            @id("flow-untrusted-destination")
            forbid (principal, action in [Bulwark::Action::"write", Bulwark::Action::"egress"], resource)
            when { context has flow && context.flow.untrusted_identifier_in_sink };
            """;

    @TempDir
    Path dir;

    private static Map<String, Object> flow(boolean untrustedIdentifier, Map<String, Object> args) {
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("args", args);
        flow.put("untrusted_in_sink", untrustedIdentifier);
        flow.put("sinks_from_untrusted_only", untrustedIdentifier);
        flow.put("untrusted_identifier_in_sink", untrustedIdentifier);
        flow.put("identifier_outside_intent_in_sink", untrustedIdentifier);
        flow.put("unseen_in_sink", false);
        flow.put("untrusted_sinks", untrustedIdentifier ? List.of("to") : List.of());
        flow.put("sink_labels", List.of());
        return flow;
    }

    static Map<String, Object> arg(boolean fromUntrustedOnly) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sink", true);
        a.put("sources", fromUntrustedOnly ? List.of("untrusted_output") : List.of("intent"));
        a.put("kinds", List.of("email"));
        a.put("labels", List.of());
        a.put("trusted", !fromUntrustedOnly);
        a.put("untrusted_only", fromUntrustedOnly);
        a.put("from_untrusted_only", fromUntrustedOnly);
        a.put("untrusted_identifier", fromUntrustedOnly);
        a.put("unseen", false);
        a.put("identifier_outside_intent", fromUntrustedOnly);
        a.put("parts", 1L);
        a.put("untrusted_parts", fromUntrustedOnly ? 1L : 0L);
        return a;
    }

    private static DecisionRequest send(Map<String, Object> flow) {
        return new DecisionRequest(BOT, SEND, Map.of("to", "x@evil.example"),
                SessionFacts.fresh("s-1", Requests.MONDAY_NOON), Requests.MONDAY_NOON, flow);
    }

    @Test
    void deniesWhenAnUntrustedIdentifierReachesASinkAndNamesThePolicy() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), PERMIT_ALL + DESTINATION_RULE);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        Decision denied = engine.decide(send(flow(true, Map.of())));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.policyIds()).containsExactly("flow-untrusted-destination");
        assertThat(engine.decide(send(flow(false, Map.of()))).allowed()).isTrue();
    }

    @Test
    void withoutFlowFactsThereIsNoContextFlowAtAll() throws IOException {
        // a rule requiring flow facts to permit cannot permit a request that carries none
        Files.writeString(dir.resolve("a.cedar"), """
                @id("only-traced") permit(principal, action, resource)
                when { context has flow && !context.flow.untrusted_in_sink };
                """);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        assertThat(engine.decide(send(Map.of())).allowed()).isFalse();
        assertThat(engine.decide(send(flow(false, Map.of()))).allowed()).isTrue();
    }

    @Test
    void perArgumentFactsValidateOnlyWhenTheDeploymentDeclaresTheArgument() throws IOException {
        String rule = """
                @id("recipient-from-untrusted") forbid(principal, action, resource)
                when { context has flow && context.flow.args has to && context.flow.args.to.from_untrusted_only };
                """;
        Files.writeString(dir.resolve("a.cedar"), PERMIT_ALL + rule.replace("context.flow.args has to && ", ""));
        assertThatThrownBy(() -> CedarPolicyEngine.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("to");

        Path extension = Files.writeString(dir.resolveSibling(dir.getFileName() + ".cedarschema"),
                "namespace Bulwark { type FlowArgs = { to?: { from_untrusted_only: Bool, sources: Set<String> } }; }");
        Files.writeString(dir.resolve("a.cedar"), PERMIT_ALL + rule);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir, extension);
        Decision denied = engine.decide(send(flow(false, Map.of("to", arg(true)))));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.policyIds()).containsExactly("recipient-from-untrusted");
        assertThat(engine.decide(send(flow(false, Map.of("to", arg(false))))).allowed()).isTrue();
    }

    @Test
    void aMisspelledFlowFactIsRefusedOnLoad() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), PERMIT_ALL
                + DESTINATION_RULE.replace("untrusted_identifier_in_sink", "untrusted_identifer_in_sink"));
        assertThatThrownBy(() -> CedarPolicyEngine.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("untrusted_identifer_in_sink");
    }

    @Test
    void flowFactsForgingACedarEntityAreRefusedAndTheCallDenied() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), PERMIT_ALL);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        // an argument named __entity (the agent chooses argument names) must not become an entity reference
        Decision decision = engine.decide(send(flow(false, Map.of("__entity", Map.of("type", "Bulwark::Role",
                "id", "admin")))));
        assertThat(decision.allowed()).isFalse();
        assertThat(((Decision.Deny) decision).reason()).contains("__entity");
    }

    @Test
    void theRequestRefusesFlowFactsThatAreNotJson() {
        assertThatThrownBy(() -> send(Map.of("args", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
