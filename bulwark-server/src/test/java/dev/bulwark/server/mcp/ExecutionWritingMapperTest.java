package dev.bulwark.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.tool.ToolExecution;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tools/list results carry the advertised executions; everything else is written exactly as the SDK writes it. */
class ExecutionWritingMapperTest {
    private final McpJsonMapper sdk = new JacksonMcpJsonMapper(new ObjectMapper());
    private final ExecutionWritingMapper mapper = new ExecutionWritingMapper(sdk);

    private static McpSchema.Tool tool(String name) {
        return McpSchema.Tool.builder().name(name).description("d").inputSchema(new McpSchema.JsonSchema("object",
                null, null, null, null, null)).build();
    }

    private static McpSchema.JSONRPCResponse listing(String... names) {
        return new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 7,
                new McpSchema.ListToolsResult(java.util.Arrays.stream(names).map(ExecutionWritingMapperTest::tool)
                        .toList(), "next"), null);
    }

    @Test
    void writesEachAdvertisedExecutionIntoItsToolOnly() throws Exception {
        mapper.advertise("a", new ToolExecution(ToolExecution.TaskSupport.OPTIONAL));
        mapper.advertise("b", ToolExecution.UNSTATED);
        ObjectMapper trees = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode expected =
                trees.readTree(sdk.writeValueAsString(listing("a", "b", "c")));
        com.fasterxml.jackson.databind.node.ArrayNode tools = (com.fasterxml.jackson.databind.node.ArrayNode)
                expected.at("/result/tools");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tools.get(0)).putObject("execution")
                .put("taskSupport", "optional");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tools.get(1)).putObject("execution");
        assertThat(trees.readTree(mapper.writeValueAsString(listing("a", "b", "c")))).isEqualTo(expected);
        assertThat(new String(mapper.writeValueAsBytes(listing("a")), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"execution\":{\"taskSupport\":\"optional\"}").contains("\"nextCursor\":\"next\"")
                .contains("\"id\":7");
    }

    @Test
    void writesListingsWithoutAdvertisedToolsAndOtherMessagesAsTheSdkDoes() throws Exception {
        mapper.advertise("a", new ToolExecution(ToolExecution.TaskSupport.REQUIRED));
        mapper.withdraw("a");
        mapper.advertise("b", ToolExecution.UNSTATED);
        mapper.advertise("b", null);
        assertThat(mapper.writeValueAsString(listing("a", "b"))).isEqualTo(sdk.writeValueAsString(listing("a", "b")));
        mapper.advertise("x", ToolExecution.UNSTATED);
        assertThat(mapper.writeValueAsString(listing("a"))).isEqualTo(sdk.writeValueAsString(listing("a")));
        McpSchema.JSONRPCNotification other = new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                "notifications/tools/list_changed", null);
        assertThat(mapper.writeValueAsString(other)).isEqualTo(sdk.writeValueAsString(other));
        assertThat(mapper.withExecutions(List.of("x"))).isEqualTo(List.of("x"));
    }
}
