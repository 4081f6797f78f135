package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolAnnotations;
import dev.bulwark.spi.tool.ToolDetails;
import dev.bulwark.spi.tool.ToolExecution;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamToolTest {
    private static final Map<String, Object> SCHEMA = Map.of("type", "object");

    @Test
    void keepsTheHashOfToolsWithoutTitleOrFurtherAnnotations() {
        String before = new UpstreamTool("echo", "echo", "Echoes.", UpstreamTool.EMPTY_OBJECT_SCHEMA, true).hash();
        UpstreamTool now = UpstreamTool.of("echo", "echo", "Echoes.", SCHEMA, null,
                new ToolAnnotations(null, true, null, null, null));
        assertThat(now.hash()).isEqualTo(before);
        assertThat(UpstreamTool.of("echo", "echo", "Echoes.", SCHEMA, null, null).hash())
                .isEqualTo(new UpstreamTool("echo", "echo", "Echoes.", UpstreamTool.EMPTY_OBJECT_SCHEMA, null).hash());
    }

    @Test
    void aChangedTitleOrHintIsAChangedDefinition() {
        UpstreamTool plain = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null);
        UpstreamTool titled = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, "Safe viewer", null);
        UpstreamTool notDestructive = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null,
                new ToolAnnotations(null, null, false, null, null));
        UpstreamTool renamedHint = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null,
                new ToolAnnotations("Safe viewer", null, null, null, null));
        assertThat(Set.of(plain.hash(), titled.hash(), notDestructive.hash(), renamedHint.hash())).hasSize(4);
    }

    @Test
    void aChangedOutputSchemaMetaOrIconIsAChangedDefinition() {
        UpstreamTool plain = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null);
        assertThat(UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null, ToolDetails.NONE).hash())
                .as("no details: the pin of an existing tool keeps its hash").isEqualTo(plain.hash());
        String out = "{\"properties\":{\"n\":{\"type\":\"number\"}},\"type\":\"object\"}";
        String outChanged = "{\"properties\":{\"n\":{\"type\":\"string\"}},\"type\":\"object\"}";
        String meta = "{\"vendor/x\":1}";
        String icons = "[{\"src\":\"https://a.example/i.png\"}]";
        String iconsChanged = "[{\"src\":\"https://evil.example/i.png\"}]";
        Set<String> hashes = Set.of(plain.hash(),
                details(new ToolDetails(out, null, null)), details(new ToolDetails(outChanged, null, null)),
                details(new ToolDetails(null, meta, null)), details(new ToolDetails(null, "{\"vendor/x\":2}", null)),
                details(new ToolDetails(null, null, icons)), details(new ToolDetails(null, null, iconsChanged)));
        assertThat(hashes).hasSize(7);
    }

    @Test
    void aChangedExecutionIsAChangedDefinitionWhileNoneKeepsTheHash() {
        UpstreamTool plain = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null);
        assertThat(details(ToolDetails.NONE.withExecution(null))).isEqualTo(plain.hash());
        Set<String> hashes = new java.util.HashSet<>(Set.of(plain.hash(),
                details(ToolDetails.NONE.withExecution(ToolExecution.UNSTATED))));
        for (ToolExecution.TaskSupport support : ToolExecution.TaskSupport.values()) {
            hashes.add(details(ToolDetails.NONE.withExecution(new ToolExecution(support))));
        }
        assertThat(hashes).hasSize(5);
    }

    @Test
    void offersOutputSchemaMetaAndIconsExactlyAsRead() {
        ToolDetails given = new ToolDetails("{\"type\":\"object\"}", "{\"a\":1}", "[{\"src\":\"https://a.example/i.png\"}]");
        Tool tool = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null, given).toTool("up", Map.of(), Set.of());
        assertThat(tool.details()).isEqualTo(given);
    }

    @Test
    void refusesOversizedOutputSchemas() {
        String huge = "{\"description\":\"" + "x".repeat(UpstreamTool.MAX_SCHEMA_BYTES) + "\"}";
        assertThatThrownBy(() -> new ToolDetails(huge, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String details(ToolDetails details) {
        return UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null, details).hash();
    }

    @Test
    void offersTitleAndAnnotationsExactlyAsGiven() {
        ToolAnnotations given = new ToolAnnotations("T", null, true, null, false);
        Tool tool = UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, "Remove", given).toTool("up", Map.of(), Set.of());
        assertThat(tool.title()).isEqualTo("Remove");
        assertThat(tool.annotations()).isEqualTo(given);
        assertThat(UpstreamTool.of("rm", "rm", "Removes.", SCHEMA, null, null).toTool("up", Map.of(), Set.of())
                .annotations()).isNull();
    }

    @Test
    void refusesOversizedTitles() {
        String huge = "x".repeat(ToolAnnotations.MAX_TITLE_CHARS + 1);
        assertThatThrownBy(() -> UpstreamTool.of("t", "t", "", SCHEMA, huge, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToolAnnotations(huge, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
