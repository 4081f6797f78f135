package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a policy's conditions read, as data: {@code condition-use/<case>/{input.cedar, expected.json}} with
 * {@code expected.json} = {@code {"entities": bool, "context": [paths as ContextUse.paths() writes them]}}.
 */
class ConditionUseTest {

    static Stream<Path> cases() throws Exception {
        Path root = Path.of(ConditionUseTest.class.getResource("/condition-use").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatConditionsRead(Path caseDir) throws Exception {
        ConditionUse use = analyse(Files.readString(caseDir.resolve("input.cedar")));
        JsonNode expected = Requests.JSON.readTree(caseDir.resolve("expected.json").toFile());
        assertThat(use.entities()).as("entities").isEqualTo(expected.path("entities").asBoolean());
        List<String> paths = new ArrayList<>();
        expected.path("context").forEach(p -> paths.add(p.asText()));
        assertThat(use.context().paths()).as("context").containsExactlyElementsOf(paths);
    }

    @Test
    void projectionKeepsOnlyWhatIsRead() throws Exception {
        ContextUse use = analyse("""
                permit(principal, action, resource) when {
                  context.arguments has body && context.arguments.n > 1 && context.session.labels.contains("x")
                  && context.arguments.text.size == 2 };""").context();
        CedarMap arguments = new CedarMap();
        arguments.put("n", new PrimLong(5));
        arguments.put("body", new PrimString("a very long body"));
        arguments.put("other", new PrimString("dropped"));
        arguments.put("text", new PrimString("not a record, kept so reading it fails alike"));
        CedarMap session = new CedarMap();
        session.put("labels", new PrimString("kept"));
        session.put("id", new PrimString("dropped"));
        Map<String, Value> context = new HashMap<>();
        context.put("arguments", arguments);
        context.put("session", session);
        context.put("delegated", new PrimBool(false));

        Map<String, Value> projected = use.project(context);

        assertThat(projected).containsOnlyKeys("arguments", "session");
        CedarMap keptArguments = (CedarMap) projected.get("arguments");
        assertThat(keptArguments).containsOnlyKeys("n", "body", "text");
        assertThat(keptArguments.get("n")).isEqualTo(new PrimLong(5));
        assertThat(keptArguments.get("body")).as("presence only").isEqualTo(new PrimBool(true));
        assertThat(keptArguments.get("text")).isEqualTo(arguments.get("text"));
        assertThat((CedarMap) projected.get("session")).containsOnlyKeys("labels");
    }

    @Test
    void wholeContextUseKeepsEverything() throws Exception {
        ContextUse use = analyse("permit(principal, action, resource) when { context == {} };").context();
        Map<String, Value> context = Map.of("anything", new PrimLong(1));
        assertThat(use.project(context)).isSameAs(context);
    }

    @Test
    void unionReadsWhatEitherReads() throws Exception {
        ConditionUse a = analyse("permit(principal, action, resource) when { context.arguments.n > 1 };");
        ConditionUse b = analyse("permit(principal, action, resource) when { principal.x == context.session.id };");
        ConditionUse both = a.union(b);
        assertThat(both.entities()).isTrue();
        assertThat(both.context().paths()).containsExactly("arguments.n", "session.id");
        assertThat(a.context().paths()).as("operands unchanged").containsExactly("arguments.n");
    }

    private static ConditionUse analyse(String text) throws Exception {
        JsonNode json = Requests.JSON.readTree(Policy.parseStaticPolicy(text.strip()).toJson());
        return ConditionUse.of(json.path("conditions"));
    }
}
