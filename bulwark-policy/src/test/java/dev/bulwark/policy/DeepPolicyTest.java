package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deeply nested policy text (a what-if draft sent over the admin API, a reloaded file) is refused as a problem; before
 * the bound, 100 nested parentheses crashed the JVM inside Cedar's native parser (SIGSEGV), taking the gateway down.
 */
class DeepPolicyTest {
    @TempDir
    Path dir;

    private static String rep(String s, int n) {
        return s.repeat(n);
    }

    private static dev.bulwark.spi.policy.DecisionRequest request() {
        return Requests.request(Requests.principal(Requests.agent("a")),
                Requests.tool("crm.find", dev.bulwark.spi.tool.ToolKind.READ), Map.of());
    }

    private Path write(String name, String condition) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("p.cedar"), "permit (principal, action, resource) when { " + condition + " };");
        return d;
    }

    @Test
    void nestingThatCrashedTheNativeParserIsRefusedAsAProblem() throws Exception {
        Map<String, String> hostile = Map.of(
                "paren", rep("(", 100) + "true" + rep(")", 100),
                "list", rep("[", 100) + "1" + rep("]", 100) + " == 1",
                "record", rep("{a: ", 100) + "1" + rep("}", 100) + " == 1",
                "call", rep("ip(", 100) + "\"1\"" + rep(")", 100) + " == 1",
                "ifs", rep("if true then ", 700) + "true" + rep(" else false", 700),
                "plus", rep("1 + ", 20_000) + "1 == 1",
                "dots", "context" + rep(".a", 20_000) + " == 1",
                "unbalanced", rep("(", 33) + "true");
        for (Map.Entry<String, String> h : hostile.entrySet()) {
            Path d = write(h.getKey(), h.getValue());
            assertThatThrownBy(() -> CedarPolicyEngine.load(d, PolicyOptions.strict().withValidation(
                    PolicyValidation.OFF))).as(h.getKey()).isInstanceOf(PolicyLoadException.class)
                    .hasMessageContaining("at most");
        }
    }

    @Test
    void aDeeplyNestedSchemaExtensionIsRefusedAsAProblem() throws Exception {
        Path d = write("schema", "true");
        Files.writeString(d.resolve("deep.cedarschema"), "namespace Bulwark { type Arguments = " + rep("{a: ", 1000)
                + "String" + rep("}", 1000) + "; }");
        assertThatThrownBy(() -> CedarPolicyEngine.load(d, PolicyOptions.strict())).isInstanceOf(
                PolicyLoadException.class).hasMessageContaining("at most");
    }

    @Test
    void theMostNestingAcceptedStillParsesOnAnOrdinaryStack() throws Exception {
        String deepest = rep("(", NestingBound.MAX_DEPTH - 3) + rep("if true then ", 2) + "true"
                + rep(" else false", 2) + rep(")", NestingBound.MAX_DEPTH - 3); // the when braces are a level too
        String moderate = rep("1 + ", 50) + "1 == 1"; // 100 are refused by Cedar's JSON form (recursion limit)
        for (String c : new String[] {deepest, moderate}) {
            CedarPolicyEngine engine = CedarPolicyEngine.load(write("ok" + c.length(), c), PolicyOptions.strict()
                    .withValidation(PolicyValidation.OFF));
            assertThat(engine.policyCount()).isEqualTo(1);
            // evaluated on this ordinary thread, as a call would be: a decision, no crash
            assertThat(engine.decide(request())).isNotNull();
        }
        // at the operator bound Cedar itself may refuse (its JSON form's recursion limit): a refusal, never a crash
        for (String c : new String[] {"context" + rep(".a", NestingBound.MAX_OPERATORS - 1) + " == 1",
                rep("1 + ", NestingBound.MAX_OPERATORS - 1) + "1 == 1"}) {
            Path d = write("edge" + c.length(), c);
            try {
                assertThat(CedarPolicyEngine.load(d, PolicyOptions.strict().withValidation(PolicyValidation.OFF))
                        .decide(request())).isNotNull();
            } catch (PolicyLoadException refused) {
                assertThat(refused.problems()).isNotEmpty();
            }
        }
        Path quoted = write("quoted", "context has a && context.a == \"" + rep("((([[[{{{", 1000) + "\"");
        assertThat(CedarPolicyEngine.load(quoted, PolicyOptions.strict().withValidation(PolicyValidation.OFF))
                .policyCount()).as("brackets inside a string are a value").isEqualTo(1);
    }
}
