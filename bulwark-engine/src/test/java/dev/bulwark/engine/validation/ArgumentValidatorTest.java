package dev.bulwark.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {
    private final ArgumentValidator validator = new ArgumentValidator();

    private static Tool tool(String schema) {
        return new Tool("t.x", "d", schema, ToolKind.READ, "t", Set.of());
    }

    private static final Tool QUERY = tool("""
            {"type":"object","properties":{"sql":{"type":"string","maxLength":20},"limit":{"type":"integer","minimum":1}},
             "required":["sql"],"additionalProperties":false}""");

    @Test
    void acceptsConformingArgumentsAndReturnsAnImmutableCopy() {
        Map<String, Object> raw = new HashMap<>(Map.of("sql", "select 1", "limit", 5));

        ArgumentCheck check = validator.check(QUERY, raw);

        assertThat(check).isInstanceOfSatisfying(ArgumentCheck.Valid.class, v -> {
            assertThat(v.arguments()).isEqualTo(raw);
            raw.put("sql", "drop table");
            assertThat(v.arguments()).containsEntry("sql", "select 1");
            assertThatThrownBy(() -> v.arguments().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        });
    }

    @Test
    void reportsEachSchemaViolation() {
        ArgumentCheck check = validator.check(QUERY, Map.of("sql", 7, "limit", 0, "extra", "x"));

        assertThat(check).isInstanceOfSatisfying(ArgumentCheck.Invalid.class, i -> {
            assertThat(i.problems()).hasSize(3);
            assertThat(String.join("\n", i.problems())).contains("sql").contains("limit").contains("extra");
        });
        assertThat(validator.check(QUERY, Map.of())).isInstanceOf(ArgumentCheck.Invalid.class);
    }

    @Test
    void boundsHowManyAndHowLongProblemsAre() {
        Tool strict = tool("{\"type\":\"object\",\"additionalProperties\":false}");
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i + "-" + "x".repeat(1000), i);
        }

        ArgumentCheck.Invalid invalid = (ArgumentCheck.Invalid) validator.check(strict, many);

        assertThat(invalid.problems()).hasSize(ArgumentValidator.MAX_PROBLEMS + 1);
        assertThat(invalid.problems().get(ArgumentValidator.MAX_PROBLEMS)).isEqualTo("and 40 more problems");
        assertThat(invalid.problems()).allSatisfy(p -> assertThat(p.length())
                .isLessThanOrEqualTo(ArgumentValidator.MAX_PROBLEM_LENGTH + 1));
    }

    @Test
    void usesDraft2020_12WhenTheSchemaNamesNoDialect() {
        Tool tuple = tool("{\"type\":\"object\",\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}}");

        assertThat(validator.check(tuple, Map.of("a", List.of(1)))).isInstanceOf(ArgumentCheck.Invalid.class);
        assertThat(validator.check(tuple, Map.of("a", List.of("ok", 2)))).isInstanceOf(ArgumentCheck.Valid.class);
    }

    @Test
    void honoursTheDialectNamedBySchema() {
        Tool draft7 = tool("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"a":{"items":[{"type":"string"}]}}}""");
        Tool draft7IgnoresPrefixItems = tool("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"a":{"prefixItems":[{"type":"string"}]}}}""");

        assertThat(validator.check(draft7, Map.of("a", List.of(1)))).isInstanceOf(ArgumentCheck.Invalid.class);
        assertThat(validator.check(draft7, Map.of("a", List.of("ok")))).isInstanceOf(ArgumentCheck.Valid.class);
        assertThat(validator.check(draft7IgnoresPrefixItems, Map.of("a", List.of(1))))
                .isInstanceOf(ArgumentCheck.Valid.class);
    }

    @Test
    void resolvesReferencesInsideTheSchema() {
        Tool withDefs = tool("""
                {"type":"object","properties":{"who":{"$ref":"#/$defs/name"}},
                 "$defs":{"name":{"type":"string","minLength":2}}}""");

        assertThat(validator.check(withDefs, Map.of("who", "x"))).isInstanceOf(ArgumentCheck.Invalid.class);
        assertThat(validator.check(withDefs, Map.of("who", "xy"))).isInstanceOf(ArgumentCheck.Valid.class);
    }

    @Test
    void neverFollowsReferencesOutsideTheSchema() {
        for (String ref : List.of("http://127.0.0.1:9/evil.json", "https://example.com/s.json",
                "classpath:draft-07/schema", "file:///etc/passwd")) {
            Tool remote = tool("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"" + ref + "\"}}}");

            ArgumentCheck check = validator.check(remote, Map.of("a", 1));

            assertThat(check).as(ref).isInstanceOf(ArgumentCheck.Unverifiable.class);
        }
    }

    @Test
    void refusesAnUnknownDialect() {
        Tool custom = tool("{\"$schema\":\"https://evil.example/meta\",\"type\":\"object\"}");

        assertThat(validator.check(custom, Map.of())).isInstanceOf(ArgumentCheck.Unverifiable.class);
    }

    @Test
    void treatsSchemasThatDoNotParseOrCompileAsUnverifiable() {
        for (String schema : List.of("{not json", "[1,2]", "\"string\"", "{\"type\": 12}",
                "{\"properties\": {\"a\": {\"minLength\": -1}}}")) {
            assertThat(validator.check(tool(schema), Map.of())).as(schema).isInstanceOf(ArgumentCheck.Unverifiable.class);
        }
    }

    @Test
    void recompilesWhenAToolsSchemaChanges() {
        Tool loose = tool("{\"type\":\"object\"}");
        Tool strict = tool("{\"type\":\"object\",\"required\":[\"id\"]}");

        assertThat(validator.check(loose, Map.of())).isInstanceOf(ArgumentCheck.Valid.class);
        assertThat(validator.check(strict, Map.of())).isInstanceOf(ArgumentCheck.Invalid.class);
        assertThat(validator.check(loose, Map.of())).isInstanceOf(ArgumentCheck.Valid.class);
    }

    @Test
    void acceptsNestingUpToThirtyTwoLevelsAndRefusesDeeper() {
        Tool any = tool("{\"type\":\"object\"}");

        assertThat(validator.check(any, nested(31))).isInstanceOf(ArgumentCheck.Valid.class);
        ArgumentCheck tooDeep = validator.check(any, nested(32));
        assertThat(tooDeep).isInstanceOfSatisfying(ArgumentCheck.Invalid.class,
                i -> assertThat(i.problems().get(0)).contains("deeper than 32"));
    }

    @Test
    void refusesDeepArraysToo() {
        Object list = "leaf";
        for (int i = 0; i < 40; i++) {
            list = List.of(list);
        }

        assertThat(validator.check(tool("{\"type\":\"object\"}"), Map.of("a", list)))
                .isInstanceOf(ArgumentCheck.Invalid.class);
    }

    @Test
    void refusesACyclicTreeInsteadOfLoopingForever() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);

        assertThat(validator.check(tool("{\"type\":\"object\"}"), cyclic)).isInstanceOf(ArgumentCheck.Invalid.class);
    }

    @Test
    void refusesTreesBeyondTheConfiguredSize() {
        ArgumentValidator small = new ArgumentValidator(new ArgumentLimits(8, 10, 5, 12));
        Tool any = tool("{\"type\":\"object\"}");
        List<Object> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(i);
        }

        assertThat(problem(small.check(any, Map.of("a", eleven)))).contains("more than 10 values");
        assertThat(problem(small.check(any, Map.of("a", "123456")))).contains("longer than 5");
        assertThat(problem(small.check(any, Map.of("abcde", "12345", "b", "123")))).contains("more than 12 characters");
        assertThat(problem(small.check(any, Map.of("a", "x".repeat(100_000))))).doesNotContain("xxxxxx");
    }

    @Test
    void refusesValuesThatAreNotJson() {
        Tool any = tool("{\"type\":\"object\"}");
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "x");

        assertThat(problem(validator.check(any, Map.of("when", new java.util.Date())))).contains("not a JSON value");
        assertThat(problem(validator.check(any, Map.of("n", Double.NaN)))).contains("finite");
        assertThat(problem(validator.check(any, Map.of("m", nonStringKey)))).contains("keys must be strings");
        assertThat(validator.check(any, Map.of("big", new BigDecimal("1e400"), "n", 1.5f)))
                .isInstanceOf(ArgumentCheck.Valid.class);
    }

    @Test
    void rejectsLimitsAboveTheCeiling() {
        assertThatThrownBy(() -> new ArgumentLimits(33, 10, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArgumentLimits(8, 0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String problem(ArgumentCheck check) {
        assertThat(check).isInstanceOf(ArgumentCheck.Invalid.class);
        return ((ArgumentCheck.Invalid) check).problems().get(0);
    }

    /** An arguments object with {@code levels} objects nested inside it (depth levels + 1). */
    private static Map<String, Object> nested(int levels) {
        Map<String, Object> tree = Map.of("leaf", true);
        for (int i = 1; i < levels; i++) {
            tree = Map.of("n", tree);
        }
        return Map.of("root", tree);
    }
}
