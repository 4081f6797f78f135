package dev.bulwark.connectors.mcp;

import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/** A stdio upstream MCP server, launched by {@link StdioUpstreamTest} as a separate process. */
public final class StdioUpstreamMain {
    private StdioUpstreamMain() {}

    public static void main(String[] args) throws InterruptedException {
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("stdio-upstream", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(McpTestTools.echo(McpTestTools.ECHO_DESCRIPTION), McpTestTools.slow(),
                        TestUpstreamTools.env())
                .build();
        // The transport reads stdin on its own threads; the process lives until the gateway ends it.
        Thread.currentThread().join();
    }
}
