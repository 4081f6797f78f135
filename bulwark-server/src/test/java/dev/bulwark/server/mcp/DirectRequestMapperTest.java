package dev.bulwark.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests and tool calls read directly are the ones the SDK's mapper reads, and what it refuses is refused alike. */
class DirectRequestMapperTest {
    private static final TypeRef<McpSchema.CallToolRequest> CALL = new TypeRef<>() { };
    private final McpJsonMapper sdk = new JacksonMcpJsonMapper(new ObjectMapper());
    private final DirectRequestMapper direct = new DirectRequestMapper(sdk);

    private static final List<String> MESSAGES = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":"
                    + "{\"text\":\"hi\",\"n\":3,\"f\":1.5,\"e\":-2e-3,\"big\":12345678901234567890,\"l\":[1,\"a\",null,"
                    + "true,[]],\"o\":{\"x\":{}},\"ü\":\"\\u0000\\n\"},\"_meta\":{\"progressToken\":\"p1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1099511627776,\"method\":\"tools/call\",\"params\":{\"name\":\"e\","
                    + "\"arguments\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":-7,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\",\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":[1,2]}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":\"text\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":7,\"extra\":{\"a\":[1]}}",
            "{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"tools/list\"}",
            // shapes the SDK's mapper decides (coerced, defaulted or refused): the same outcome either way
            "{\"jsonrpc\":\"\",\"id\":2,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"  \",\"id\":2,\"method\":\"ping\"}",
            "{\"jsonrpc\":2,\"id\":2,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":5}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":null}",
            "{\"id\":3,\"method\":\"ping\"}");

    private static final List<String> PARAMS = List.of(
            "{\"name\":\"echo\",\"arguments\":{\"a\":{\"b\":[1,2.5,\"c\",null,false]}},\"_meta\":{\"k\":1}}",
            "{\"name\":\"echo\"}",
            "{\"name\":\"\",\"arguments\":{}}",
            "{\"name\":\"echo\",\"arguments\":null,\"_meta\":null}",
            "{\"name\":\"echo\",\"task\":{\"ttl\":5},\"unknown\":1}",
            // decided by the SDK's mapper
            "{\"arguments\":{}}",
            "{\"name\":null}",
            "{\"name\":5}",
            "{\"name\":\"echo\",\"arguments\":[1]}",
            "{\"name\":\"echo\",\"arguments\":\"{}\"}",
            "{\"name\":\"echo\",\"_meta\":[]}",
            "{\"name\":\"echo\",\"arguments\":{\"x\":1},\"arguments\":{\"y\":2}}");

    @Test
    void everyMessageIsReadAsTheSdkReadsIt() throws Exception {
        for (String text : MESSAGES) {
            assertThat(outcome(() -> read(direct, text))).as(text).isEqualTo(outcome(() -> read(sdk, text)));
        }
    }

    @Test
    void everyToolCallIsReadAsTheSdkReadsIt() throws Exception {
        for (String text : PARAMS) {
            Map<String, Object> params = sdk.readValue(text, new TypeRef<Map<String, Object>>() { });
            assertThat(outcome(() -> direct.convertValue(params, CALL))).as(text)
                    .isEqualTo(outcome(() -> sdk.convertValue(params, CALL)));
        }
    }

    @Test
    void plainRequestsAreBuiltFromTheParsedValuesThemselves() throws Exception {
        Map<String, Object> message = sdk.readValue(MESSAGES.get(0), new TypeRef<Map<String, Object>>() { });
        McpSchema.JSONRPCRequest request = direct.convertValue(message, McpSchema.JSONRPCRequest.class);
        assertThat(request.params()).isSameAs(message.get("params"));
        McpSchema.CallToolRequest call = direct.convertValue(request.params(), CALL);
        assertThat(call.arguments()).isSameAs(((Map<?, ?>) request.params()).get("arguments"));
        assertThat(call.meta()).containsEntry("progressToken", "p1");
    }

    @Test
    void otherConversionsGoToTheSdksMapper() {
        Map<String, Object> result = Map.of("content", List.of(), "isError", false);
        assertThat(direct.convertValue(result, McpSchema.CallToolResult.class))
                .isEqualTo(sdk.convertValue(result, McpSchema.CallToolResult.class));
        assertThat(direct.convertValue(Map.of("name", "x"), new TypeRef<Map<String, Object>>() { }))
                .isEqualTo(Map.of("name", "x"));
    }

    private static McpSchema.JSONRPCMessage read(McpJsonMapper mapper, String text) throws Exception {
        return McpSchema.deserializeJsonRpcMessage(mapper, text);
    }

    /** The value, or the kind of failure. */
    private static Object outcome(Callable<?> conversion) {
        try {
            return conversion.call();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    private interface Callable<T> {
        T call() throws Exception;
    }
}
