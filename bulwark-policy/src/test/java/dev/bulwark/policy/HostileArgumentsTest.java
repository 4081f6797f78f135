package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments come from a model and are hostile; none of them may crash a decision or slip past a forbid. */
class HostileArgumentsTest {
    static final Principal AGENT = Requests.principal(Requests.agent("a1"));
    static final Tool TOOL = Requests.tool("pay.transfer", ToolKind.WRITE);

    @TempDir
    Path dir;
    CedarPolicyEngine engine;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("p.cedar"), """
                @id("transfers")
                permit(principal, action, resource);

                @id("large-transfers")
                forbid(principal, action, resource) when { context.arguments has amount && context.arguments.amount > 1000 };

                @id("large-decimal-transfers")
                forbid(principal, action, resource)
                  when { context.arguments has fee && context.arguments.fee.greaterThan(decimal("10.0")) };

                @id("weird")
                forbid(principal, action, resource)
                  when { context.arguments has "to account" && context.arguments["to account"] == "" };
                """);
        Files.writeString(dir.resolve("arguments.cedarschema"), """
                namespace Bulwark { type Arguments = { amount?: Long, fee?: decimal, "to account"?: String }; }
                """);
        engine = CedarPolicyEngine.load(dir);
        assertThat(engine.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("permits every"));
    }

    private Decision decide(Map<String, Object> arguments) {
        return engine.decide(Requests.request(AGENT, TOOL, arguments));
    }

    private static void assertDeniedWithError(Decision decision, String fragment) {
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) decision).errors()).anySatisfy(e -> assertThat(e).contains(fragment));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 100; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("k", i % 2 == 0 ? next : List.of(next));
            cursor = next;
        }
        assertDeniedWithError(decide(deep), "nest deeper than 32 levels");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 1; i < ArgumentConversion.MAX_DEPTH; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("k", next);
            cursor = next;
        }
        assertThat(decide(deep).allowed()).isTrue();
    }

    @Test
    void refusesHugeArrays() {
        List<Object> huge = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            huge.add(i);
        }
        assertDeniedWithError(decide(Map.of("items", huge)), "more than 10000 values");
    }

    @Test
    void keysThatAreNotIdentifiersStillReachPolicies() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("to account", "");
        arguments.put("", "empty key");
        arguments.put("ünïcode \"quoted\" \\ key", 1);
        Decision decision = decide(arguments);
        assertThat(decision.policyIds()).containsExactly("weird");
    }

    @Test
    void refusesKeysCedarReservesSoEntitiesCannotBeForged() {
        Map<String, Object> forged = Map.of("owner", Map.of("__entity", Map.of("type", "Bulwark::Role", "id", "admin")));
        assertDeniedWithError(decide(forged), "argument key '__entity' is reserved");
        assertDeniedWithError(decide(Map.of("ip", Map.of("__extn", Map.of("fn", "ip", "arg", "1.2.3.4")))),
                "'__extn' is reserved");
    }

    @Test
    void integersBeyondLongBecomeStringsAndDenyComparisons() {
        Decision decision = decide(Map.of("amount", new BigInteger("123456789012345678901234567890")));
        assertThat(decision.allowed()).isFalse();
        assertThat(((Decision.Deny) decision).errors()).isNotEmpty();
        assertThat(decide(Map.of("amount", Long.MAX_VALUE)).policyIds()).containsExactly("large-transfers");
        assertThat(decide(Map.of("amount", 999)).allowed()).isTrue();
    }

    @Test
    void fractionsBecomeDecimalsWhenRepresentable() {
        assertThat(decide(Map.of("fee", 10.5)).policyIds()).containsExactly("large-decimal-transfers");
        assertThat(decide(Map.of("fee", new BigDecimal("9.9999"))).allowed()).isTrue();
        assertThat(decide(Map.of("fee", 1e300)).allowed()).isFalse();
        assertThat(decide(Map.of("fee", 0.00001)).allowed()).isFalse();
    }

    @Test
    void nanAndInfinityDenyInsteadOfPassing() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Decision decision = decide(Map.of("fee", odd));
            assertThat(decision.allowed()).as(Double.toString(odd)).isFalse();
            assertThat(((Decision.Deny) decision).errors()).isNotEmpty();
        }
    }

    @Test
    void nullsAreLeftOut() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("amount", null);
        arguments.put("list", java.util.Arrays.asList(1, null, 2));
        assertThat(decide(arguments).allowed()).isTrue();
    }

    @Test
    void conversionRulesAreExact() throws ArgumentConversion.Refused {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("i", 7);
        arguments.put("d", 2.50);
        arguments.put("big", new BigInteger("99999999999999999999"));
        arguments.put("set", List.of("a", "b"));
        arguments.put("nan", Double.NaN);
        assertThat(ArgumentConversion.toRecord(arguments).toCedarExpr())
                .contains("\"i\": 7")
                .contains("decimal(\"2.5\")")
                .contains("\"99999999999999999999\"")
                .contains("\"NaN\"")
                .contains("[\"a\", \"b\"]");
    }
}
