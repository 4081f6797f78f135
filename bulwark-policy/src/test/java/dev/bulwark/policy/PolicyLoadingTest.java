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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoadingTest {
    private static final String READS = "@id(\"reads\")\npermit(principal, action == Bulwark::Action::\"read\", resource);\n";

    @TempDir
    Path dir;

    private PolicyProblem onlyProblem(PolicyLoad load) {
        assertThat(load).isInstanceOf(PolicyLoad.Rejected.class);
        assertThat(((PolicyLoad.Rejected) load).problems()).hasSize(1);
        return ((PolicyLoad.Rejected) load).problems().get(0);
    }

    @Test
    void reportsSyntaxErrorWithFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("main.cedar"), READS + "\n// next one is broken\npermit(principal, action, resource)\n  when { 1 + };\n");
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir));
        assertThat(problem.file()).isEqualTo(dir.resolve("main.cedar"));
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.column()).isEqualTo(14);
        assertThat(problem.message()).contains("unexpected token `}`");
        assertThat(problem.toString()).endsWith("main.cedar:6:14: unexpected token `}`");
    }

    @Test
    void reportsMissingSemicolonAtEndOfFile() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS + "permit(principal, action, resource)\n");
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir));
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(36);
        assertThat(problem.message()).contains("unexpected end of input");
    }

    @Test
    void reportsErrorsFoundAfterParsingAtTheStatementStart() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS + "\n  permit(principal, action, resource) when { nosuch(1) };\n");
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir));
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(3);
        assertThat(problem.message()).contains("`nosuch` is not a valid function");
    }

    @Test
    void reportsEveryBrokenFile() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), "permit(principal == 3, action, resource);");
        Files.writeString(dir.resolve("b.cedar"), "permit(principal == ?principal, action, resource);");
        Files.writeString(dir.resolve("c.cedar"), "forbid(principal, action, resource) when { \"unterminated };");
        PolicyLoad load = CedarPolicyEngine.validate(dir);
        assertThat(((PolicyLoad.Rejected) load).problems()).extracting(p -> p.file().getFileName().toString())
                .containsExactly("a.cedar", "b.cedar", "c.cedar");
    }

    @Test
    void rejectsDuplicateIdsAcrossFiles() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS);
        Files.writeString(dir.resolve("b.cedar"), "\n\n" + READS);
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir));
        assertThat(problem.file()).isEqualTo(dir.resolve("b.cedar"));
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).isEqualTo("duplicate policy id 'reads' (first defined at a.cedar:1:1)");
    }

    @Test
    void rejectsAnIdThatCollidesWithAFileBasedId() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), "permit(principal, action, resource);\n@id(\"a.cedar#1\") forbid(principal, action, resource);");
        assertThat(onlyProblem(CedarPolicyEngine.validate(dir)).message()).contains("duplicate policy id 'a.cedar#1'");
    }

    @Test
    void rejectsMissingDirectory() {
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir.resolve("nope")));
        assertThat(problem.message()).contains("does not exist");
        assertThatThrownBy(() -> CedarPolicyEngine.load(dir.resolve("nope")))
                .isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).hasSize(1));
    }

    @Test
    void countsPoliciesOfAllCedarFilesAndIgnoresOthers() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS + "// trailing comment without policy\n");
        Files.writeString(dir.resolve("b.cedar"), "permit(principal, action, resource == Bulwark::Tool::\"x.y\");"
                + "forbid(principal, action, resource) when { context.arguments has \"a;b\" && context.arguments[\"a;b\"] == \"; // not a comment\" };");
        Files.writeString(dir.resolve("args.cedarschema"), "namespace Bulwark { type Arguments = { \"a;b\"?: String }; }");
        Files.writeString(dir.resolve("notes.txt"), "not a policy");
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(3));
        assertThat(CedarPolicyEngine.load(dir).policyCount()).isEqualTo(3);
    }

    @Test
    void reloadKeepsThePoliciesInForceWhenTheNewOnesAreBroken() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        DecisionRequest read = read();
        assertThat(engine.decide(read).allowed()).isTrue();

        Files.writeString(dir.resolve("a.cedar"), "forbid(principal, action, resource);\npermit(principal, action");
        PolicyLoad reload = engine.reload();

        assertThat(reload).isInstanceOf(PolicyLoad.Rejected.class);
        assertThat(engine.policyCount()).isEqualTo(1);
        assertThat(engine.decide(read).allowed()).isTrue();
        assertThat(engine.decide(read).policyIds()).containsExactly("reads");
    }

    @Test
    void reloadPutsValidPoliciesInForce() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        Files.writeString(dir.resolve("b.cedar"), "@id(\"stop\") forbid(principal, action, resource);");

        assertThat(engine.reload()).isEqualTo(new PolicyLoad.Loaded(2));
        assertThat(engine.policyCount()).isEqualTo(2);
        assertThat(engine.decide(read()).policyIds()).containsExactly("stop");
    }

    @Test
    void validatesAgainstBulwarksSchemaWithLocatedErrors() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS + "permit(principal, action, resource)\n  when { principal.ownr == \"x\" };\n");
        PolicyLoad load = CedarPolicyEngine.validate(dir);
        assertThat(load).isInstanceOf(PolicyLoad.Rejected.class);
        assertThat(((PolicyLoad.Rejected) load).problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(dir.resolve("a.cedar"));
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.column()).isEqualTo(10);
            assertThat(problem.message()).contains("attribute `ownr` on entity type `Bulwark::Agent` not found")
                    .contains("did you mean `owner`?");
        });

        Files.writeString(dir.resolve("a.cedar"), READS
                + "permit(principal is Bulwark::Agent, action, resource) when { principal.owner == \"x\" };");
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(2));
    }

    @Test
    void reportsAnInvalidSchema() throws IOException {
        Files.writeString(dir.resolve("a.cedar"), READS);
        Path schema = dir.resolve("elsewhere.schema");
        Files.writeString(schema, "namespace Bulwark { entity ; }");
        PolicyProblem problem = onlyProblem(CedarPolicyEngine.validate(dir, schema));
        assertThat(problem.file()).isEqualTo(schema);
        assertThat(problem.message()).startsWith("invalid schema extension:");
    }

    private static DecisionRequest read() {
        Principal principal = Requests.principal(Requests.agent("a1"));
        Tool tool = Requests.tool("crm.get_customer", ToolKind.READ);
        return Requests.request(principal, tool, Map.of());
    }
}
