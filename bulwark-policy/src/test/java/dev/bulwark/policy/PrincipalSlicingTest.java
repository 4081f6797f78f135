package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalSlicingTest {
    static final Tool READ = Requests.tool("crm.get_customer", ToolKind.READ);

    @TempDir
    Path dir;

    private CedarPolicyEngine engine(String policies) throws IOException {
        Files.writeString(dir.resolve("p.cedar"), policies);
        Files.writeString(dir.resolve("arguments.cedarschema"), "namespace Bulwark { type Arguments = { n?: Long }; }");
        return CedarPolicyEngine.load(dir);
    }

    private static DecisionRequest call(Principal principal) {
        return Requests.request(principal, READ, Map.of());
    }

    @Test
    void sliceHoldsOnlyPoliciesThatCanApplyToThePrincipal() throws IOException {
        CedarPolicyEngine engine = engine("""
                @id("support") permit(principal in Bulwark::Role::"support", action, resource);
                @id("sales") permit(principal in Bulwark::Role::"sales", action, resource);
                @id("bot") permit(principal == Bulwark::Agent::"bot", action, resource);
                @id("users") permit(principal is Bulwark::User, action, resource);
                @id("agents") forbid(principal is Bulwark::Agent, action, resource) when { context.delegated };
                @id("all") forbid(principal, action, resource) when { context.session.labels.contains("x") };
                """);
        Principal support = Requests.principal(Requests.agent("a1", "support", "unnamed"));
        assertThat(engine.sliceSize(READ)).isEqualTo(6);
        assertThat(engine.sliceSize(READ, support)).isEqualTo(3);
        assertThat(engine.sliceSize(READ, Requests.principal(Requests.agent("bot", "sales", "support")))).isEqualTo(5);
        assertThat(engine.sliceSize(READ, Requests.principal(Requests.agent("nobody")))).isEqualTo(2);
        assertThat(engine.decide(call(support)).policyIds()).containsExactly("support");
    }

    @Test
    void principalInItsOwnAgentEntityMatches() throws IOException {
        CedarPolicyEngine engine = engine("""
                @id("self") permit(principal in Bulwark::Agent::"x", action, resource);
                @id("typed") permit(principal is Bulwark::Agent in Bulwark::Agent::"y", action, resource);
                """);
        for (String id : new String[] {"x", "y", "z"}) {
            DecisionRequest request = call(Requests.principal(Requests.agent(id)));
            assertThat(engine.decide(request)).isEqualTo(engine.decideUnsliced(request));
        }
        assertThat(engine.decide(call(Requests.principal(Requests.agent("x")))).policyIds()).containsExactly("self");
        assertThat(engine.decide(call(Requests.principal(Requests.agent("y")))).policyIds()).containsExactly("typed");
        assertThat(engine.decide(call(Requests.principal(Requests.agent("z")))).allowed()).isFalse();
    }

    @Test
    void agentsWithTheSameNamedRolesShareOneCachedSet() throws IOException {
        CedarPolicyEngine engine = engine("""
                @id("r0") permit(principal in Bulwark::Role::"r0", action, resource) when { context.arguments has n };
                @id("a0") forbid(principal == Bulwark::Agent::"a0", action, resource) when { context.arguments has n };
                """);
        for (int i = 1; i <= 50; i++) {
            engine.decide(call(Requests.principal(Requests.agent("agent" + i, "r0", "other" + i))));
        }
        assertThat(engine.cachedSetCount()).as("agents named by no policy, same named roles").isEqualTo(1);
        engine.decide(call(Requests.principal(Requests.agent("a0", "r0"))));
        engine.decide(call(Requests.principal(Requests.agent("agent1"))));
        assertThat(engine.cachedSetCount()).isEqualTo(3);
    }

    @Test
    void cachedSetsStayWithinTheirBoundAndStillDecideAlike() throws IOException {
        int agents = PolicySnapshot.MAX_CACHED_PRINCIPAL_SETS + 20;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < agents; i++) {
            text.append("@id(\"p").append(i).append("\") permit(principal == Bulwark::Agent::\"a").append(i)
                    .append("\", action, resource) when { context.arguments has n };\n");
        }
        CedarPolicyEngine engine = engine(text.toString());
        for (int i = 0; i < agents; i++) {
            DecisionRequest request = Requests.request(Requests.principal(Requests.agent("a" + i)), READ,
                    Map.of("n", 1));
            Decision sliced = engine.decide(request);
            assertThat(sliced.policyIds()).containsExactly("p" + i);
            if (i % 16 == 0 || i >= PolicySnapshot.MAX_CACHED_PRINCIPAL_SETS) {
                assertThat(sliced).isEqualTo(engine.decideUnsliced(request));
            }
        }
        assertThat(engine.cachedSetCount()).isLessThanOrEqualTo(PolicySnapshot.MAX_CACHED_SETS)
                .isEqualTo(PolicySnapshot.MAX_CACHED_PRINCIPAL_SETS + 1);
    }

    @Test
    void slicesOfUnconditionalPoliciesDecideAsCedarDoes() throws IOException {
        CedarPolicyEngine engine = engine("""
                @id("p1") @approval("manager") permit(principal in Bulwark::Role::"support", action, resource);
                @id("p2") permit(principal is Bulwark::Agent, action == Bulwark::Action::"read", resource);
                @id("f1") forbid(principal == Bulwark::Agent::"banned", action, resource);
                @id("f2") forbid(principal in Bulwark::Role::"banned", action, resource);
                @id("u1") permit(principal is Bulwark::User, action, resource);
                """);
        Principal[] principals = {
            Requests.principal(Requests.agent("a1", "support")),
            Requests.principal(Requests.agent("banned", "support")),
            Requests.principal(Requests.agent("a2", "banned", "support")),
            Requests.principal(Requests.agent("a3")),
            Requests.principal(Requests.agent("a1", "support"), Requests.user("alice")),
            Requests.principal(Requests.agent("a1", "support"), Requests.user("bob", "banned")),
        };
        for (Principal principal : principals) {
            for (Tool tool : new Tool[] {READ, Requests.tool("crm.update", ToolKind.WRITE)}) {
                DecisionRequest request = Requests.request(principal, tool, Map.of());
                assertThat(engine.decide(request)).as("%s calling %s", principal, tool.name())
                        .isEqualTo(engine.decideUnsliced(request));
            }
        }
        Decision allowed = engine.decide(call(principals[0]));
        assertThat(allowed.policyIds()).containsExactly("p1", "p2");
        assertThat(((Decision.Allow) allowed).obligations()).hasSize(1);
        assertThat(engine.decide(call(principals[2])).policyIds()).containsExactly("f2");
    }

    @Test
    void reloadReplacesEveryPrincipalSlice() throws IOException {
        CedarPolicyEngine engine = engine("""
                @id("old") permit(principal in Bulwark::Role::"support", action, resource);
                """);
        DecisionRequest request = call(Requests.principal(Requests.agent("a1", "support")));
        assertThat(engine.decide(request).policyIds()).containsExactly("old");
        Files.writeString(dir.resolve("p.cedar"), """
                @id("new") permit(principal == Bulwark::Agent::"a1", action, resource);
                @id("gone") forbid(principal in Bulwark::Role::"support", action, resource);
                """);
        assertThat(engine.reload().loaded()).isTrue();
        Decision after = engine.decide(request);
        assertThat(after.allowed()).isFalse();
        assertThat(after.policyIds()).containsExactly("gone");
    }
}
