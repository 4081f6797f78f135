package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.UpstreamFeatures;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One upstream's resource reads, prompt gets and completions as the call pipeline sees them: three tools of the
 * upstream's connector ({@code <upstream>.resources/read}, {@code <upstream>.prompts/get},
 * {@code <upstream>.completion/complete}, kind {@code read}) in a registry of their own, never listed to agents as
 * tools. Their output carries the upstream's labels and {@code untrusted}, like its tools' output.
 *
 * <p>What the upstream returned is kept beside the output by call id until the front door {@linkplain #take takes}
 * it, to deliver the screened output in the upstream's shape.
 */
final class FeatureConnector implements Connector {
    static final String READ = "resources/read";
    static final String PROMPT = "prompts/get";
    static final String COMPLETE = "completion/complete";
    private static final int MAX_URI = dev.bulwark.spi.policy.Subject.MAX_ID_CHARS;

    private final String upstream;
    private final UpstreamFeatures features;
    private final Tool read;
    private final Tool prompt;
    private final Tool complete;
    private final List<Tool> tools;
    private final Map<String, FeatureContent.Shape> shapes = new ConcurrentHashMap<>();

    FeatureConnector(String upstream, Set<String> labels, UpstreamFeatures features) {
        this.upstream = upstream;
        this.features = features;
        Set<String> output = new java.util.HashSet<>(labels);
        output.add(dev.bulwark.connectors.mcp.McpUpstreamConnector.UNTRUSTED);
        this.read = tool(READ, "Reads a resource of upstream " + upstream, """
                {"type":"object","properties":{"uri":{"type":"string","minLength":1,"maxLength":%d}},
                 "required":["uri"],"additionalProperties":false}""".formatted(MAX_URI), output);
        this.prompt = tool(PROMPT, "Gets a prompt of upstream " + upstream, """
                {"type":"object","properties":{"name":{"type":"string","minLength":1,"maxLength":%d},
                 "arguments":{"type":"object","additionalProperties":{"type":"string"}}},
                 "required":["name"],"additionalProperties":false}""".formatted(MAX_URI), output);
        this.complete = tool(COMPLETE, "Completes an argument of a prompt or resource template of upstream "
                + upstream, """
                {"type":"object","properties":{
                 "ref":{"type":"object","properties":{"type":{"enum":["ref/prompt","ref/resource"]},
                   "name":{"type":"string","maxLength":%1$d},"uri":{"type":"string","maxLength":%1$d}},
                   "required":["type"]},
                 "argument":{"type":"object","properties":{"name":{"type":"string","maxLength":1024},
                   "value":{"type":"string","maxLength":%1$d}},"required":["name","value"]},
                 "context":{"type":"object","properties":{"arguments":{"type":"object",
                   "additionalProperties":{"type":"string"}}}}},
                 "required":["ref","argument"],"additionalProperties":false}""".formatted(MAX_URI), output);
        this.tools = List.of(read, prompt, complete);
    }

    private Tool tool(String local, String description, String schema, Set<String> labels) {
        return new Tool(upstream + "." + local, description, schema, ToolKind.READ, upstream, labels);
    }

    @Override
    public String name() {
        return upstream;
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    Tool readTool() {
        return read;
    }

    Tool promptTool() {
        return prompt;
    }

    Tool completeTool() {
        return complete;
    }

    /** What the upstream returned for the call, once; {@code null} when the call never reached the upstream. */
    FeatureContent.Shape take(String callId) {
        return shapes.remove(callId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
        Map<String, Object> args = call.arguments();
        FeatureContent.Shape shape = switch (call.tool().localName()) {
            case READ -> new FeatureContent.Read(features.read((String) args.get("uri"), progress.client()));
            case PROMPT -> {
                Map<String, Object> given = args.get("arguments") instanceof Map<?, ?> m
                        ? new LinkedHashMap<>((Map<String, Object>) m) : Map.of();
                McpSchema.GetPromptResult result = features.prompt((String) args.get("name"), given,
                        progress.client());
                if (result.messages() == null) {
                    result = new McpSchema.GetPromptResult(result.description(), List.of(), result.meta());
                }
                yield new FeatureContent.Prompt(result, result.description() != null);
            }
            case COMPLETE -> {
                McpSchema.CompleteResult result = features.complete(completeRequest(args));
                if (result.completion() == null || result.completion().values() == null) {
                    result = new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(),
                            0, false), result.meta());
                }
                yield new FeatureContent.Completion(result);
            }
            default -> throw new ConnectorException("upstream " + upstream + " has no feature " + call.tool().name());
        };
        if (shape instanceof FeatureContent.Read r && r.original().contents() == null) {
            shape = new FeatureContent.Read(new McpSchema.ReadResourceResult(List.of(), r.original().meta()));
        }
        ToolResult result;
        try {
            result = FeatureContent.toResult(shape);
        } catch (FeatureContent.Unfit e) {
            throw new ConnectorException(e.getMessage());
        }
        shapes.put(call.callId(), shape);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static McpSchema.CompleteRequest completeRequest(Map<String, Object> args) {
        Map<String, Object> ref = (Map<String, Object>) args.get("ref");
        Map<String, Object> argument = (Map<String, Object>) args.get("argument");
        McpSchema.CompleteReference reference = "ref/prompt".equals(ref.get("type"))
                ? new McpSchema.PromptReference((String) ref.get("name"))
                : new McpSchema.ResourceReference((String) ref.get("uri"));
        McpSchema.CompleteRequest.CompleteArgument arg = new McpSchema.CompleteRequest.CompleteArgument(
                (String) argument.get("name"), (String) argument.get("value"));
        McpSchema.CompleteRequest.CompleteContext context = null;
        if (args.get("context") instanceof Map<?, ?> c && c.get("arguments") instanceof Map<?, ?> a) {
            context = new McpSchema.CompleteRequest.CompleteContext((Map<String, String>) a);
        }
        return new McpSchema.CompleteRequest(reference, arg, context);
    }
}
