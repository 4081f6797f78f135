package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * MCP: a tool that declares an output schema MUST return structured content that conforms to it, and clients
 * validate it (the TypeScript SDK refuses a successful result without it). Guards screen structured content leaf by
 * leaf and keep it (the screening step turns a result whose changed structure breaks the schema into a tool error);
 * a successful result of a schema tool that still carries none (the upstream sent none, or a connector could not
 * keep it) cannot honour the schema, so it is delivered as a tool error: the content is kept, after a note saying
 * why, and {@code isError} is set, for which MCP requires no structured content. Results that are already errors,
 * and tools without a schema, pass as they are.
 */
final class StructuredOutputRule {
    static final String NOTE = "Bulwark: this tool declares an output schema, but its result carries no structured"
            + " content; the output follows.";

    private StructuredOutputRule() {}

    static McpSchema.CallToolResult enforce(Tool tool, McpSchema.CallToolResult result) {
        if (tool.details().outputSchema() == null || result.structuredContent() != null
                || Boolean.TRUE.equals(result.isError())) {
            return result;
        }
        List<McpSchema.Content> content = new ArrayList<>(result.content().size() + 1);
        content.add(new McpSchema.TextContent(NOTE));
        content.addAll(result.content());
        return McpSchema.CallToolResult.builder().content(content).isError(true).build();
    }
}
