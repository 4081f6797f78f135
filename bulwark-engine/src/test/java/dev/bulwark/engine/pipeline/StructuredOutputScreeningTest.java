package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolDetails;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Structured output through the screening step: redacted leaf-wise, checked against the output schema, audited. */
class StructuredOutputScreeningTest {
    private static final String STRUCTURED = "{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"age\":41}";
    private final Harness h = new Harness();

    private void offer(String outputSchema) {
        h.docs.tools.set(List.of(new Tool("docs.search", "search", Harness.SCHEMA, ToolKind.READ, "docs",
                Set.of("internal"), null, null, new ToolDetails(outputSchema, null, null))));
        h.docs.handler = (call, progress) -> new ToolResult(List.of(new Content.Text(STRUCTURED)), false, Set.of(),
                STRUCTURED, Map.of());
    }

    private static OutputGuard rewriting(String name, boolean frames, UnaryOperator<String> edit) {
        return new OutputGuard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean frames() {
                return frames;
            }

            @Override
            public Screening screen(ToolCall call, ToolResult result) {
                List<Content> out = new ArrayList<>();
                for (Content c : result.content()) {
                    out.add(c instanceof Content.Text t ? new Content.Text(edit.apply(t.text())) : c);
                }
                return new Screening.Rewrite(new ToolResult(out, result.error()), List.of(name + ": 1 EMAIL_ADDRESS"),
                        Set.of("pii"));
            }
        };
    }

    private static final OutputGuard MASK = rewriting("pii", false, t -> t.replace("ann@example.com", "<EMAIL>"));

    @Test
    void redactedStructureStillConformingIsDeliveredAsStructureAndAudited() {
        offer("{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},"
                + "\"required\":[\"email\",\"age\"]}");
        h.guards.add(MASK);

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isFalse();
        assertThat(result.structuredContent()).isEqualTo("{\"name\":\"Ann\",\"email\":\"<EMAIL>\",\"age\":41}");
        assertThat(result.joinedText()).isEqualTo(result.structuredContent());
        Map<String, Object> note = note();
        assertThat(note).containsEntry("outputSchema", "conforms");
        assertThat(note.get("changes")).isEqualTo(List.of(Map.of("guard", "pii",
                "reasons", List.of("pii: 1 EMAIL_ADDRESS", "structured content: 1 string leaves changed"),
                "paths", List.of("/email"))));
        assertThat(h.audit.only().details().toString()).doesNotContain("ann@example.com");
        assertThat(h.audit.only().details().get("screening")).isEqualTo(List.of(Map.of("guard", "pii",
                "reasons", List.of("pii: 1 EMAIL_ADDRESS", "structured content: 1 string leaves changed"))));
    }

    @Test
    void redactionThatBreaksTheSchemaBecomesAToolErrorAndIsAudited() {
        offer("{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\"}}}");
        h.guards.add(MASK);

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isTrue();
        assertThat(result.structuredContent()).isNull();
        assertThat(result.content().getFirst()).isEqualTo(new Content.Text(ScreenOutputStep.SCHEMA_NOTE));
        assertThat(result.joinedText()).contains("<EMAIL>").doesNotContain("ann@example.com");
        Map<String, Object> note = note();
        assertThat(note).containsEntry("outputSchema", "broken");
        assertThat(note.get("schemaProblems").toString()).contains("/email").contains("format");
    }

    @Test
    void patternBrokenByRedactionIsCaughtToo() {
        offer("{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\",\"pattern\":\"@\"}}}");
        h.guards.add(MASK);

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isTrue();
        assertThat(note().get("schemaProblems").toString()).contains("pattern");
    }

    @Test
    void framedLeavesKeepTheirTypesAndTheStructureConforms() {
        offer("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}}}");
        h.guards.add(rewriting("spotlighting", true, t -> "<<" + t + ">>"));

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isFalse();
        assertThat(result.structuredContent())
                .isEqualTo("{\"name\":\"<<Ann>>\",\"email\":\"<<ann@example.com>>\",\"age\":41}");
    }

    @Test
    void structureNoGuardChangedIsNeitherCheckedNorNoted() {
        offer("{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"string\"}}}"); // the upstream's own mismatch
        h.guards.add(rewriting("noop", false, t -> t));

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(STRUCTURED);
        assertThat(h.audit.only().details()).doesNotContainKey("structuredContent");
    }

    @Test
    void anOutputSchemaThatDoesNotCompileCannotVouchForChangedOutput() {
        offer("{\"type\":\"no-such-type\"}");
        h.guards.add(MASK);

        ToolResult result = ((CallOutcome.Completed) h.pipeline().handle(Harness.searchAs("t-alice"))).result();

        assertThat(result.error()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> note() {
        return (Map<String, Object>) h.audit.only().details().get("structuredContent");
    }
}
