package dev.bulwark.bench;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real upstream MCP server on loopback: the SDK's Streamable HTTP servlet on Jetty 12 with one tool, {@code echo}. */
final class EchoUpstream implements AutoCloseable {
    private static final String SCHEMA = """
            {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}""";

    private final Server jetty;
    private final McpSyncServer mcp;
    private final int port;

    private EchoUpstream() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        SyncToolSpecification echo = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("echo").description("Echoes the given text.")
                        .inputSchema(McpJsonDefaults.getMapper(), SCHEMA).build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent("echo: " + request.arguments().get("text")).isError(false).build())
                .build();
        mcp = McpServer.sync(transport)
                .serverInfo("bench-upstream", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(List.of(echo))
                .immediateExecution(true)
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.start();
        port = connector.getLocalPort();
    }

    static EchoUpstream start() throws Exception {
        return new EchoUpstream();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String mcpUrl() {
        return baseUrl() + "/mcp";
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}
