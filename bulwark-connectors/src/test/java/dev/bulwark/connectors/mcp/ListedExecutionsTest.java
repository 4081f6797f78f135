package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ToolExecution;
import dev.bulwark.spi.tool.ToolExecution.TaskSupport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Executions are read from the raw listing the SDK converts, and kept by the very tool objects it hands on. */
class ListedExecutionsTest {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() { };

    /** What the SDK's transport does with a tools/list result: parse to a tree, then convert to its records. */
    private static Listing list(ListedExecutions executions, String json) throws Exception {
        Map<String, Object> raw = JSON.readValue(json, OBJECT);
        McpSchema.ListToolsResult parsed = JSON.convertValue(raw, McpSchema.ListToolsResult.class);
        executions.record(raw, parsed);
        return new Listing(parsed);
    }

    private record Listing(McpSchema.ListToolsResult result) {
        McpSchema.Tool tool(int index) {
            return result.tools().get(index);
        }
    }

    @Test
    void readsEachListedToolsExecution() throws Exception {
        ListedExecutions executions = new ListedExecutions();
        Listing listing = list(executions, """
                {"tools":[{"name":"a","inputSchema":{"type":"object"},"execution":{"taskSupport":"optional"}},
                          {"name":"b","inputSchema":{"type":"object"}},
                          {"name":"c","inputSchema":{"type":"object"},"execution":{}},
                          {"name":"d","inputSchema":{"type":"object"},"execution":"required"}]}""");
        assertThat(executions.of(listing.tool(0)).execution()).isEqualTo(new ToolExecution(TaskSupport.OPTIONAL));
        assertThat(executions.of(listing.tool(1))).isEqualTo(SdkToolExecution.Read.NONE);
        assertThat(executions.of(listing.tool(2)).execution()).isEqualTo(ToolExecution.UNSTATED);
        assertThat(executions.of(listing.tool(3)).execution()).isNull();
        assertThat(executions.of(listing.tool(3)).warning()).isEqualTo(SdkToolExecution.LEFT_OUT);
    }

    @Test
    void neverMixesUpTwoListingsOfAToolThatDifferOnlyInExecution() throws Exception {
        ListedExecutions executions = new ListedExecutions();
        Listing first = list(executions, """
                {"tools":[{"name":"a","inputSchema":{"type":"object"},"execution":{"taskSupport":"optional"}}]}""");
        Listing second = list(executions, """
                {"tools":[{"name":"a","inputSchema":{"type":"object"},"execution":{"taskSupport":"required"}}]}""");
        Listing third = list(executions, """
                {"tools":[{"name":"a","inputSchema":{"type":"object"}}]}""");
        assertThat(first.tool(0)).isEqualTo(second.tool(0)).isEqualTo(third.tool(0));
        assertThat(executions.of(first.tool(0)).execution()).isEqualTo(new ToolExecution(TaskSupport.OPTIONAL));
        assertThat(executions.of(second.tool(0)).execution()).isEqualTo(new ToolExecution(TaskSupport.REQUIRED));
        assertThat(executions.of(third.tool(0))).isEqualTo(SdkToolExecution.Read.NONE);
    }

    @Test
    void readsNothingFromARawListingThatDoesNotLineUpWithTheParsedOne() throws Exception {
        ListedExecutions executions = new ListedExecutions();
        Map<String, Object> raw = JSON.readValue("""
                {"tools":[{"name":"a","inputSchema":{"type":"object"},"execution":{"taskSupport":"optional"}}]}""",
                OBJECT);
        McpSchema.ListToolsResult other = JSON.convertValue(JSON.readValue("""
                {"tools":[{"name":"b","inputSchema":{"type":"object"}}]}""", OBJECT), McpSchema.ListToolsResult.class);
        executions.record(raw, other);
        executions.record("not a tree", other);
        executions.record(Map.of("tools", "not a list"), other);
        assertThat(executions.of(other.tools().get(0))).isEqualTo(SdkToolExecution.Read.NONE);
    }

    @Test
    void keepsAtMostItsBoundForgettingTheOldestFirst() throws Exception {
        ListedExecutions executions = new ListedExecutions();
        Listing oldest = list(executions, """
                {"tools":[{"name":"a","inputSchema":{"type":"object"},"execution":{"taskSupport":"optional"}}]}""");
        StringBuilder many = new StringBuilder("{\"tools\":[");
        for (int i = 0; i < ListedExecutions.MAX_KEPT; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"t").append(i)
                    .append("\",\"inputSchema\":{\"type\":\"object\"},\"execution\":{}}");
        }
        Listing newest = list(executions, many.append("]}").toString());
        assertThat(executions.of(oldest.tool(0))).isEqualTo(SdkToolExecution.Read.NONE);
        assertThat(executions.of(newest.tool(0)).execution()).isEqualTo(ToolExecution.UNSTATED);
        assertThat(executions.of(newest.tool(ListedExecutions.MAX_KEPT - 1)).execution())
                .isEqualTo(ToolExecution.UNSTATED);
    }
}
