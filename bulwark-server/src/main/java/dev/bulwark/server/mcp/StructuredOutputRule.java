package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * MCP: a tool that declares an output schema MUST return structured content that conforms to it, and clients
 * validate it (the TypeScript SDK refuses a successful result without it). Bulwark passes the upstream's structured
 * content on only while no guard changed the output; once one did (PII masking, quarantine, spotlighting), the
 * structured copy is dropped rather than delivered unscreened. Such a result cannot honour the schema, so it is
 * delivered as a tool error: the screened content is kept, after a note saying why, and {@code isError} is set, for
 * which MCP requires no structured content. Results that are already errors, and tools without a schema, pass as they
 * are.
 */
final class StructuredOutputRule {
    static final String NOTE = "Bulwark: this tool declares an output schema, but a guard changed its output, so no"
            + " structured result can be delivered; the screened output follows.";

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
