package dev.bulwark.engine.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leaf-wise screening: the golden cases in {@code screening/leaf-cases.json}, then hostile and edge input. */
class LeafScreeningTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final ToolCall CALL = call();

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = LeafScreeningTest.class.getResourceAsStream("/screening/leaf-cases.json")) {
            List<JsonNode> all = new ArrayList<>();
            JSON.readTree(in).forEach(all::add);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void screensLikeTheGoldenCase(JsonNode golden) throws IOException {
        String structured = golden.has("structuredText") ? golden.get("structuredText").textValue()
                : JSON.writeValueAsString(golden.get("structured"));
        boolean mirrored = !golden.has("mirror") || golden.get("mirror").booleanValue();
        List<Content> content = new ArrayList<>(List.of(new Content.Text("summary: see the data")));
        if (mirrored) {
            content.add(new Content.Text(structured));
        }
        ToolResult result = new ToolResult(content, false, Set.of(), structured, Map.of());

        LeafScreening.Outcome outcome = new LeafScreening().screen(guard(golden.get("guard").textValue()), CALL, result);

        JsonNode expect = golden.get("expect");
        String name = golden.get("case").textValue();
        if (expect.has("pass")) {
            assertThat(outcome.screening()).as(name).isInstanceOf(Screening.Pass.class);
            assertThat(outcome.changedPaths()).as(name).isEmpty();
        } else if (expect.has("blocked")) {
            assertThat(outcome.screening()).as(name).isInstanceOfSatisfying(Screening.Block.class,
                    block -> assertThat(block.reason()).contains(expect.get("blocked").textValue()));
        } else {
            ToolResult screened = ((Screening.Rewrite) outcome.screening()).result();
            JsonNode delivered = JSON.readTree(screened.structuredContent());
            assertThat(delivered).as(name).isEqualTo(expect.get("structured"));
            List<String> paths = new ArrayList<>();
            expect.get("paths").forEach(p -> paths.add(p.textValue()));
            assertThat(outcome.changedPaths()).as(name).isEqualTo(paths);
            // the text mirror says exactly what the structure says, in the mirror's place
            assertThat(screened.content()).as(name).hasSize(2);
            assertThat(JSON.readTree(((Content.Text) screened.content().get(1)).text())).as(name).isEqualTo(delivered);
            // other blocks are screened as they are: untouched, or as the guard made them
            String first = expect.has("first") ? expect.get("first").textValue() : "summary: see the data";
            assertThat(screened.content().getFirst()).as(name).isEqualTo(new Content.Text(first));
        }
    }

    @Test
    void numbersAreWrittenBackAsTheyWereWritten() {
        String structured = "{\"price\":1.10,\"big\":123456789012345678901234567890,\"e\":1E+3,\"m\":\"a@b.cd\"}";

        LeafScreening.Outcome outcome = screen(structured, new LeafScreening());

        assertThat(((Screening.Rewrite) outcome.screening()).result().structuredContent())
                .contains("\"price\":1.10,").contains("\"big\":123456789012345678901234567890,")
                .contains("\"m\":\"[EMAIL]\"");
    }

    @Test
    void hostileDepthIsRefusedCleanly() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

        Screening verdict = screen(deep, new LeafScreening()).screening();

        assertThat(verdict).isInstanceOfSatisfying(Screening.Block.class,
                block -> assertThat(block.reason()).contains("nested deeper than 64 levels"));
    }

    @Test
    void arraysCountAsLevelsToo() {
        String deep = "{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}";

        assertThat(screen(deep, new LeafScreening()).screening()).isInstanceOf(Screening.Block.class);
    }

    @Test
    void tooManyValuesAreRefusedCleanly() {
        StringBuilder wide = new StringBuilder("{\"list\":[");
        for (int i = 0; i < 1_000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        }
        wide.append("]}");

        Screening verdict = screen(wide.toString(), new LeafScreening(new StructureLimits(64, 500))).screening();

        assertThat(verdict).isInstanceOfSatisfying(Screening.Block.class,
                block -> assertThat(block.reason()).contains("more than 500 values").doesNotContain("v1"));
    }

    @Test
    void markingThatWouldGrowTheStructureBeyondTheBoundWithholdsIt() {
        StringBuilder many = new StringBuilder("{\"list\":[");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("\"a\"");
        }
        many.append("]}");
        ToolResult result = new ToolResult(List.of(new Content.Text(many.toString())), false, Set.of(),
                many.toString(), Map.of());

        Screening verdict = new LeafScreening(new StructureLimits(64, 10_000, 1_000))
                .screen(guard("frame"), CALL, result).screening();

        assertThat(verdict).isInstanceOfSatisfying(Screening.Block.class,
                block -> assertThat(block.reason()).contains("beyond 1000 characters"));
    }

    @Test
    void manyChangedLeavesAreCountedButNamedOnlyUpToTheBound() {
        StringBuilder many = new StringBuilder("{\"to\":[");
        for (int i = 0; i < 40; i++) {
            many.append(i == 0 ? "" : ",").append("\"u").append(i).append("@x.org\"");
        }
        many.append("]}");

        LeafScreening.Outcome outcome = screen(many.toString(), new LeafScreening());

        assertThat(outcome.changedPaths()).hasSize(LeafScreening.MAX_NAMED_PATHS + 1).last()
                .isEqualTo("… and 24 more");
        assertThat(((Screening.Rewrite) outcome.screening()).reasons())
                .contains("structured content: 40 string leaves changed");
    }

    @Test
    void resultsWithoutStructureGoToTheGuardAsTheyAre() {
        ToolResult plain = ToolResult.text("write to a@b.cd");

        Screening verdict = new LeafScreening().screen(guard("redact-emails"), CALL, plain).screening();

        assertThat(((Screening.Rewrite) verdict).result().joinedText()).isEqualTo("write to [EMAIL]");
    }

    @Test
    void originsSurviveWhenOnlyLeavesChanged() {
        String structured = "{\"e\":\"a@b.cd\"}";
        ToolResult result = new ToolResult(List.of(new Content.Text("embedded"), new Content.Text(structured)), false,
                Set.of(), structured, Map.of(0, new ContentOrigin.Embedded("file:///r.txt", "text/plain")));

        ToolResult screened = ((Screening.Rewrite) new LeafScreening().screen(guard("redact-emails"), CALL, result)
                .screening()).result();

        assertThat(screened.origins()).containsKey(0);
        assertThat(screened.structuredContent()).isEqualTo("{\"e\":\"[EMAIL]\"}");
    }

    @Test
    void framedEmbeddedResourceKeepsItsShapeWithTheFramedText() {
        ToolResult result = embeddedResult("file:///notes/a.md", "hello");

        ToolResult screened = rewritten(guard("frame"), result);

        assertThat(screened.content().getFirst()).isEqualTo(new Content.Text("[[hello]]"));
        assertThat(screened.origins().get(0)).isEqualTo(new ContentOrigin.Embedded("file:///notes/a.md", "text/plain"));
        assertThat(screened.origins().get(1)).isInstanceOf(ContentOrigin.Link.class); // see LinkScreeningTest
    }

    @Test
    void redactedEmbeddedTextKeepsItsShapeWhenTheUriIsClean() {
        ToolResult screened = rewritten(guard("redact-emails"), embeddedResult("file:///notes/a.md", "mail a@b.cd"));

        assertThat(screened.content().getFirst()).isEqualTo(new Content.Text("mail [EMAIL]"));
        assertThat(screened.origins().get(0)).isEqualTo(new ContentOrigin.Embedded("file:///notes/a.md", "text/plain"));
        assertThat(screened.origins()).containsKey(1);
    }

    @Test
    void aUriHoldingPersonalDataDropsTheResourceShapeAndTheUri() {
        ToolResult screened = rewritten(guard("redact-emails"), embeddedResult("file:///home/ann@corp.io/a.md", "hi"));

        assertThat(screened.origins()).doesNotContainKey(0).containsKey(1);
        assertThat(screened.content().getFirst()).isEqualTo(new Content.Text("hi"));
    }

    private static ToolResult embeddedResult(String uri, String text) {
        return new ToolResult(List.of(new Content.Text(text), new Content.Text("link")), false, Set.of(), null,
                Map.of(0, new ContentOrigin.Embedded(uri, "text/plain"),
                        1, new ContentOrigin.Link("file:///l", "l", null, null, null, null)));
    }

    private static ToolResult rewritten(OutputGuard guard, ToolResult result) {
        return ((Screening.Rewrite) new LeafScreening().screen(guard, CALL, result).screening()).result();
    }

    private static LeafScreening.Outcome screen(String structured, LeafScreening screening) {
        ToolResult result = new ToolResult(List.of(new Content.Text(structured)), false, Set.of(), structured, Map.of());
        return screening.screen(guard("redact-emails"), CALL, result);
    }

    /** Test guards, each acting on every text block it is shown, as real guards do. */
    static OutputGuard guard(String name) {
        return switch (name) {
            case "redact-emails" -> rewriting(name, false, t -> t.replaceAll("[\\w.]+@[\\w.]+\\.\\w+", "[EMAIL]"));
            case "frame" -> rewriting(name, true, t -> "[[" + t + "]]");
            case "leaf-to-blob" -> new Fixed(name, (r) -> {
                List<Content> out = new ArrayList<>(r.content());
                out.set(1, new Content.Blob("application/octet-stream", ""));
                return new Screening.Rewrite(new ToolResult(out, r.error()), List.of("binary"), Set.of());
            });
            case "drop-last" -> new Fixed(name, r -> new Screening.Rewrite(
                    new ToolResult(r.content().subList(0, r.content().size() - 1), r.error()), List.of(), Set.of()));
            case "block-on-secret" -> new Fixed(name, r -> r.joinedText().contains("SECRET")
                    ? new Screening.Block("secret found") : new Screening.Pass());
            default -> throw new IllegalArgumentException("no test guard " + name);
        };
    }

    private static OutputGuard rewriting(String name, boolean frames, Function<String, String> edit) {
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
                boolean changed = false;
                for (Content c : result.content()) {
                    if (c instanceof Content.Text t && !edit.apply(t.text()).equals(t.text())) {
                        out.add(new Content.Text(edit.apply(t.text())));
                        changed = true;
                    } else {
                        out.add(c);
                    }
                }
                return changed ? new Screening.Rewrite(new ToolResult(out, result.error()), List.of(name + ": found"),
                        Set.of("pii")) : new Screening.Pass();
            }
        };
    }

    private record Fixed(String name, Function<ToolResult, Screening> verdict) implements OutputGuard {
        @Override
        public Screening screen(ToolCall call, ToolResult result) {
            return verdict.apply(result);
        }
    }

    private static ToolCall call() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Agent agent = new Agent("agent-1", "owner@example.com", Set.of("analyst"), Map.of(), AgentStatus.ACTIVE,
                now.minusSeconds(3600));
        Principal principal = new Principal(agent, Optional.empty(), "jti-1", Set.of("tools"), now.plusSeconds(3600));
        Tool tool = new Tool("up.data", "returns data", "{\"type\":\"object\"}", ToolKind.READ, "up", Set.of());
        return new ToolCall("call-1", tool, Map.of(), principal, "session-1");
    }
}
