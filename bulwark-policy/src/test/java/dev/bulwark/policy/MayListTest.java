package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MayListTest {
    static final Tool READ = Requests.tool("crm.get_customer", ToolKind.READ);
    static final Tool WRITE = Requests.tool("crm.update_customer_note", ToolKind.WRITE);
    static final Tool EGRESS = Requests.tool("http.post", ToolKind.EGRESS);

    @TempDir
    Path dir;

    private CedarPolicyEngine engine(String policies) throws IOException {
        Files.writeString(dir.resolve("p.cedar"), policies);
        Files.writeString(dir.resolve("arguments.cedarschema"), "namespace Bulwark { type Arguments = { limit?: Long }; }");
        return CedarPolicyEngine.load(dir);
    }

    @Test
    void hidesEverythingWithoutPolicies() throws IOException {
        CedarPolicyEngine engine = engine("");
        assertThat(engine.mayList(Requests.principal(Requests.agent("a")), READ)).isFalse();
    }

    @Test
    void listsWhenAPermitScopeMatchesEvenIfItsConditionMightFail() throws IOException {
        CedarPolicyEngine engine = engine("""
                permit(principal in Bulwark::Role::"support", action == Bulwark::Action::"read", resource)
                  when { context.arguments has limit && context.arguments.limit < 10 };
                """);
        assertThat(engine.mayList(Requests.principal(Requests.agent("a", "support")), READ)).isTrue();
        assertThat(engine.mayList(Requests.principal(Requests.agent("a", "support")), WRITE)).isFalse();
        assertThat(engine.mayList(Requests.principal(Requests.agent("a", "sales")), READ)).isFalse();
    }

    @Test
    void matchesEveryScopeForm() throws IOException {
        CedarPolicyEngine engine = engine("""
                permit(principal == Bulwark::Agent::"exact", action, resource == Bulwark::Tool::"crm.get_customer");
                permit(principal is Bulwark::Agent in Bulwark::Role::"ops", action in [Bulwark::Action::"egress"], resource in Bulwark::Kind::"egress");
                permit(principal is Bulwark::User, action in Bulwark::Action::"call", resource in Bulwark::Connector::"crm");
                """);
        assertThat(engine.mayList(Requests.principal(Requests.agent("exact")), READ)).isTrue();
        assertThat(engine.mayList(Requests.principal(Requests.agent("exact")), WRITE)).isFalse();
        assertThat(engine.mayList(Requests.principal(Requests.agent("x", "ops")), EGRESS)).isTrue();
        assertThat(engine.mayList(Requests.principal(Requests.agent("x", "ops")), READ)).isFalse();
        // The user-only permit does not let the agent list; under delegation both must be able to.
        assertThat(engine.mayList(Requests.principal(Requests.agent("y")), WRITE)).isFalse();
        assertThat(engine.mayList(Requests.principal(Requests.agent("exact"), Requests.user("u")), READ)).isTrue();
        assertThat(engine.mayList(Requests.principal(Requests.agent("exact"), Requests.user("u")), WRITE)).isFalse();
    }

    @Test
    void anUnconditionalForbidHidesButAConditionalOneDoesNot() throws IOException {
        CedarPolicyEngine engine = engine("""
                permit(principal, action, resource);
                forbid(principal in Bulwark::Role::"intern", action == Bulwark::Action::"write", resource);
                forbid(principal, action == Bulwark::Action::"egress", resource) when { context.delegated };
                """);
        Principal intern = Requests.principal(Requests.agent("i", "intern"));
        assertThat(engine.mayList(intern, WRITE)).isFalse();
        assertThat(engine.mayList(intern, READ)).isTrue();
        assertThat(engine.mayList(intern, EGRESS)).isTrue();
    }

    @Test
    void underDelegationTheUserMustBeAbleToListToo() throws IOException {
        CedarPolicyEngine engine = engine("""
                permit(principal in Bulwark::Role::"support", action, resource);
                forbid(principal == Bulwark::User::"mallory", action, resource);
                """);
        Principal forAlice = Requests.principal(Requests.agent("a", "support"), Requests.user("alice", "support"));
        Principal forBob = Requests.principal(Requests.agent("a", "support"), Requests.user("bob"));
        Principal forMallory = Requests.principal(Requests.agent("a", "support"), Requests.user("mallory", "support"));
        assertThat(engine.mayList(forAlice, READ)).isTrue();
        assertThat(engine.mayList(forBob, READ)).isFalse();
        assertThat(engine.mayList(forMallory, READ)).isFalse();
    }
}
