package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every load and reload is validated strictly against Bulwark's schema: a typo cannot open or void a policy. */
class SchemaValidationTest {
    private static final Tool READ = Requests.tool("crm.get_customer", ToolKind.READ);
    private static final Principal INTERN = Requests.principal(Requests.agent("i1", "intern"));
    private static final Principal STAFF = Requests.principal(Requests.agent("s1", "staff"));
    /** Everyone reads, except interns. */
    private static final String GUARDED = """
            @id("read-unless-intern")
            permit(principal, action == Bulwark::Action::"read", resource)
            unless { principal in Bulwark::Role::"intern" };
            """;

    @TempDir
    Path dir;

    private List<PolicyProblem> rejected(PolicyLoad load) {
        assertThat(load).isInstanceOf(PolicyLoad.Rejected.class);
        return ((PolicyLoad.Rejected) load).problems();
    }

    @Test
    void refusesAMisspelledEntityTypeThatWouldPermitEveryone() throws IOException {
        // Without a schema this loads and `Rol` matches nobody, so the `unless` never holds: interns read too.
        Files.writeString(dir.resolve("a.cedar"), GUARDED.replace("Role::", "Rol::"));
        assertThatThrownBy(() -> CedarPolicyEngine.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo(dir.resolve("a.cedar"));
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.column()).isEqualTo(23);
                    assertThat(p.message()).contains("unrecognized entity type `Bulwark::Rol`")
                            .contains("did you mean `Bulwark::Role`?");
                }));
    }

    @Test
    void refusesAMisspelledActionThatWouldMakeAForbidANoOp() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), "permit(principal, action, resource in Bulwark::Connector::\"crm\");\n"
                + "forbid(principal, action == Bulwark::Action::\"wrte\", resource);\n");
        List<PolicyProblem> problems = rejected(CedarPolicyEngine.validate(dir));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(29);
            assertThat(p.message()).contains("unrecognized action `Bulwark::Action::\"wrte\"`");
        });
    }

    @Test
    void reloadRefusesTyposAndKeepsThePoliciesInForce() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), GUARDED);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        assertThat(engine.decide(read(INTERN)).allowed()).isFalse();
        assertThat(engine.decide(read(STAFF)).allowed()).isTrue();

        Files.writeString(dir.resolve("a.cedar"), GUARDED.replace("Role::", "Rol::"));
        assertThat(rejected(engine.reload())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Bulwark::Rol"));
        assertThat(engine.decide(read(INTERN)).allowed()).as("interns still refused").isFalse();

        Files.writeString(dir.resolve("a.cedar"), GUARDED + "forbid(principal, action == Bulwark::Action::\"wrte\", resource);");
        assertThat(rejected(engine.reload())).anySatisfy(p -> assertThat(p.message()).contains("\"wrte\""));
        assertThat(engine.policyCount()).isEqualTo(1);
    }

    @Test
    void refusesUnknownAttributesKindsAndContext() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), """
                permit(principal, action, resource in Bulwark::Kind::"reed");
                permit(principal, action, resource) when { context.sesion.callCount < 3 };
                permit(principal is Bulwark::Agent, action, resource) when { principal.ownr == "x" };
                permit(principal, action, resource) when { resource.label.contains("pii") };
                permit(principal, action, resource) when { context.session.riskMillis == "high" };
                """);
        // Cedar reports an unknown resource attribute once per resource type (Tool, Resource, Prompt).
        assertThat(rejected(CedarPolicyEngine.validate(dir)).stream().map(PolicyProblem::line).distinct())
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void warnsAboutPoliciesThatNeverMatchOrPermitEverything() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), """
                @id("never") permit(principal, action, resource) when { context.arguments has limit };
                @id("all") permit(principal, action, resource);
                @id("all-calls") permit(principal, action in Bulwark::Action::"call", resource);
                @id("fine") permit(principal, action == Bulwark::Action::"read", resource);
                """);
        PolicyLoad load = CedarPolicyEngine.validate(dir);
        assertThat(load).isInstanceOf(PolicyLoad.Loaded.class);
        List<PolicyProblem> warnings = ((PolicyLoad.Loaded) load).warnings();
        assertThat(warnings).extracting(PolicyProblem::line).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(warnings.get(0).message()).contains("impossible");
        assertThat(warnings).filteredOn(w -> w.message().contains("permits every")).hasSize(2);
        assertThat(CedarPolicyEngine.load(dir).warnings()).isEqualTo(warnings);
    }

    @Test
    void permissiveLoadsWithWarningsAndOffChecksNothing() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), GUARDED.replace("Role::", "Rol::"));
        PolicyOptions permissive = PolicyOptions.strict().withValidation(PolicyValidation.PERMISSIVE);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir, permissive);
        assertThat(engine.warnings()).anySatisfy(w -> assertThat(w.message()).contains("Bulwark::Rol"));
        assertThat(CedarPolicyEngine.validate(dir, permissive.withValidation(PolicyValidation.OFF)))
                .isEqualTo(new PolicyLoad.Loaded(1));
        assertThat(PolicyValidation.parse(" Strict ")).isEqualTo(PolicyValidation.STRICT);
        assertThatThrownBy(() -> PolicyValidation.parse("lenient")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExtensionDeclaresDeploymentAttributes() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), """
                permit(principal, action, resource) when {
                  principal has department && principal.department == "ops"
                  && context.arguments has limit && context.arguments.limit < 10 };
                """);
        // Undeclared, `has` is known false: the policy can never match.
        assertThat(((PolicyLoad.Loaded) CedarPolicyEngine.validate(dir)).warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("impossible"));
        Files.writeString(dir.resolve("site.cedarschema"), """
                namespace Bulwark {
                  entity Agent { department?: String };
                  entity User { department?: String };
                  type Arguments = { limit?: Long };
                }
                """);
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(1));
    }

    @Test
    void aCopyOfBulwarksSchemaIsAnEmptyExtension() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), GUARDED);
        Files.writeString(dir.resolve("copy.cedarschema"), CedarPolicyEngine.schema());
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(1));
    }

    @Test
    void anExtensionCannotChangeWhatTheEngineSends() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), GUARDED);
        for (String extension : List.of(
                "namespace Bulwark { entity Intern; }",
                "namespace Bulwark { entity Agent { level?: Long }; }",
                "namespace Bulwark { entity Agent { owner?: String }; }",
                "namespace Bulwark { entity Agent in [Connector]; }",
                "namespace Bulwark { entity Tool; action wrte appliesTo { principal: [Agent], resource: [Tool] }; }",
                "namespace Bulwark { type Session = { id: String }; }",
                "namespace Other { entity Agent; }",
                "namespace Bulwark { entity ; }")) {
            Files.writeString(dir.resolve("x.cedarschema"), extension);
            assertThat(rejected(CedarPolicyEngine.validate(dir))).as(extension)
                    .allSatisfy(p -> assertThat(p.file()).isEqualTo(dir.resolve("x.cedarschema")));
        }
    }

    @Test
    void namesPoliciesScopedToToolsOrConnectorsTheGatewayLacks() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), """
                @id("known") permit(principal, action, resource == Bulwark::Tool::"crm.get_customer");
                @id("typo") forbid(principal, action, resource == Bulwark::Tool::"crm.delete_custmer");
                @id("table") permit(principal, action, resource == Bulwark::Tool::"crm.table.orders");
                @id("stray-table") permit(principal, action, resource == Bulwark::Tool::"hr.table.payroll");
                @id("connector") permit(principal, action, resource in Bulwark::Connector::"crm");
                @id("connector-typo") forbid(principal, action, resource in Bulwark::Connector::"crn");
                """);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        List<Tool> tools = List.of(READ, Requests.tool("crm.delete_customer", ToolKind.WRITE));
        assertThat(engine.unknownResources(tools)).extracting(PolicyProblem::line).containsExactly(2, 4, 6);
        assertThat(engine.unknownResources(tools)).extracting(PolicyProblem::message)
                .anySatisfy(m -> assertThat(m).contains("tool `crm.delete_custmer`"))
                .anySatisfy(m -> assertThat(m).contains("connector `crn`"));
    }

    private static DecisionRequest read(Principal principal) {
        return Requests.request(principal, READ, Map.of());
    }

}
