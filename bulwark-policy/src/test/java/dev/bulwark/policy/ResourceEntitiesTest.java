package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MCP resources, resource templates and prompts are Cedar resources of their own ({@code Bulwark::Resource},
 * {@code Bulwark::Prompt}) in their upstream's connector and the reading tool's kind: policies name them by URI,
 * template or prompt name, group them by upstream, and a tool permit does not reach them (nor the reverse).
 */
class ResourceEntitiesTest {
    private static final String POLICIES = """
            permit(principal in Bulwark::Role::"reader", action == Bulwark::Action::"read",
                   resource == Bulwark::Resource::"test://static/resource/1");
            permit(principal in Bulwark::Role::"reader", action, resource == Bulwark::Resource::"test://template/{id}/data");
            permit(principal in Bulwark::Role::"reader", action, resource == Bulwark::Prompt::"up.simple_prompt");
            permit(principal in Bulwark::Role::"tools", action, resource == Bulwark::Tool::"up.resources/read");
            permit(principal in Bulwark::Role::"upstream", action, resource in Bulwark::Connector::"up");
            permit(principal in Bulwark::Role::"any-resource", action, resource is Bulwark::Resource);
            forbid(principal, action, resource is Bulwark::Prompt) when { resource.name like "*secret*" };
            """;

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("reader", Subject.resource("test://static/resource/1"), true),
                Arguments.of("reader", Subject.resource("test://static/resource/2"), false),
                Arguments.of("reader", Subject.resource("test://template/{id}/data"), true),
                Arguments.of("reader", Subject.resource("test://template/1/data"), false),
                Arguments.of("reader", Subject.prompt("up.simple_prompt"), true),
                Arguments.of("reader", Subject.prompt("up.complex_prompt"), false),
                // a resource and a prompt with the same id are different entities
                Arguments.of("reader", Subject.prompt("test://static/resource/1"), false),
                // permitting the tool that reads resources permits no resource
                Arguments.of("tools", Subject.resource("test://static/resource/1"), false),
                Arguments.of("upstream", Subject.resource("test://anything"), true),
                Arguments.of("upstream", Subject.prompt("up.simple_prompt"), true),
                Arguments.of("upstream", Subject.prompt("up.secret_prompt"), false),
                Arguments.of("any-resource", Subject.resource("file:///etc/passwd"), true),
                Arguments.of("any-resource", Subject.prompt("up.simple_prompt"), false),
                Arguments.of("nobody", Subject.resource("test://static/resource/1"), false));
    }

    @ParameterizedTest(name = "{0} reads {1} -> {2}")
    @MethodSource("cases")
    void decidesEachResourceAndPromptAsItsOwnEntity(String role, Subject subject, boolean allowed)
            throws IOException {
        CedarPolicyEngine engine = engine();
        Principal principal = Requests.principal(Requests.agent("a", role));
        Decision decision = engine.decide(request(principal, subject));
        assertThat(decision.allowed()).isEqualTo(allowed);
        assertThat(engine.mayList(principal, READER, subject)).as("listed").isEqualTo(allowed
                // a conditional forbid cannot be known when listing
                || subject.id().contains("secret") && role.equals("upstream"));
    }

    @Test
    void aDenialNamesTheResource() throws IOException {
        Principal principal = Requests.principal(Requests.agent("a", "reader"));
        Decision decision = engine().decide(request(principal, Subject.resource("test://static/resource/2")));
        assertThat(decision).isInstanceOfSatisfying(Decision.Deny.class,
                d -> assertThat(d.reason()).contains("test://static/resource/2"));
    }

    @Test
    void theToolItselfIsDecidedAsBefore() throws IOException {
        Principal principal = Requests.principal(Requests.agent("a", "tools"));
        assertThat(engine().decide(Requests.request(principal, READER, Map.of())).allowed()).isTrue();
        assertThat(engine().mayList(principal, READER)).isTrue();
    }

    /** The examples of docs/POLICIES.md ("Resources and prompts of upstream MCP servers") load and decide as told. */
    @Test
    void theDocumentedExamplesLoadAndDecideAsDocumented() throws IOException {
        Files.writeString(dir.resolve("p.cedar"), """
                @id("support-reads-notes")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                        resource == Bulwark::Resource::"note://public/readme");
                @id("support-reads-orders")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                        resource == Bulwark::Resource::"note://orders/{id}");
                @id("support-triage-prompt")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                        resource == Bulwark::Prompt::"notes.triage");
                @id("no-secret-notes")
                forbid (principal, action, resource is Bulwark::Resource) when { resource.name like "note://secret/*" };
                @id("tools-only")
                forbid (principal, action, resource is Bulwark::Prompt);
                """);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        Principal support = Requests.principal(Requests.agent("a", "support"));
        assertThat(engine.decide(request(support, Subject.resource("note://orders/{id}"))).allowed()).isTrue();
        assertThat(engine.decide(request(support, Subject.prompt("notes.triage"))).allowed()).isFalse();
    }

    private static final Tool READER = new Tool("up.resources/read", "reads resources", "{\"type\":\"object\"}",
            ToolKind.READ, "up", Set.of("untrusted"));

    private static DecisionRequest request(Principal principal, Subject subject) {
        return new DecisionRequest(principal, READER, Map.of(), SessionFacts.fresh("s-1", Requests.MONDAY_NOON),
                Requests.MONDAY_NOON, Map.of(), subject);
    }

    private static CedarPolicyEngine engine() throws IOException {
        Files.writeString(dir.resolve("p.cedar"), POLICIES);
        return CedarPolicyEngine.load(dir);
    }
}
