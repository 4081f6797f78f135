package dev.bulwark.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An upstream MCP server exposing a suite's tools (names, descriptions and parameters from tools.json) that answers
 * each call with the recorded result the harness expects next. A call of another tool than the expected one gets an
 * empty result; so does a call the recording has no result for. Runs are replayed one at a time.
 */
final class ReplayUpstream implements AutoCloseable {
    private final JettyMcpUpstream server;
    private final AtomicReference<ReplayCorpus.Call> expected = new AtomicReference<>();

    private ReplayUpstream(JsonNode tools) throws Exception {
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> tool : ReplayCorpus.fields(tools)) {
            String name = tool.getKey();
            specs.add(McpTestTools.tool(name, tool.getValue().path("description").asText(name),
                    schema(tool.getValue().path("params")), null, (exchange, request) -> answer(name)));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("the suite has no tools");
        }
        this.server = JettyMcpUpstream.start(specs);
    }

    static ReplayUpstream start(JsonNode tools) throws Exception {
        return new ReplayUpstream(tools);
    }

    URI url() {
        return server.url();
    }

    /** The next call the harness makes; its recorded result is the answer. */
    void expect(ReplayCorpus.Call call) {
        expected.set(call);
    }

    private io.modelcontextprotocol.spec.McpSchema.CallToolResult answer(String tool) {
        ReplayCorpus.Call call = expected.getAndSet(null);
        return McpTestTools.text(call != null && call.tool().equals(tool) ? call.result() : "");
    }

    /** Parameters become properties without types: recorded models pass values of any type. */
    static String schema(JsonNode params) {
        ObjectNode schema = ReplayCorpus.JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            if (!name.isEmpty()) {
                ObjectNode property = properties.putObject(name);
                if (p.hasNonNull("type")) {
                    property.put("description", p.path("type").asText());
                }
            }
        }
        return schema.toString();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
