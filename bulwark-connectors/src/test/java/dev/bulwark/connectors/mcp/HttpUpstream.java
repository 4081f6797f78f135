package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real upstream MCP server: the SDK's Streamable HTTP servlet on embedded Jetty 12. It records every JSON-RPC
 * message posted to it.
 *
 * <p>Its tools run on the request's Jetty thread ({@code immediateExecution}), as a server in another process would,
 * and not on Reactor's JVM-wide {@code boundedElastic} pool: the tests call the connector from that pool, as the
 * gateway's front door does, and an upstream queued behind its own blocked callers would only time out.
 */
final class HttpUpstream implements AutoCloseable {
    final CountDownLatch release = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Server jetty;
    private final McpSyncServer mcp;
    private final int port;

    private HttpUpstream(int port, List<SyncToolSpecification> tools) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        List<SyncToolSpecification> all = new java.util.ArrayList<>(tools);
        all.add(TestUpstreamTools.hang(release));
        mcp = McpServer.sync(transport)
                .serverInfo("test-upstream", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .strictToolNameValidation(false)
                .immediateExecution(true)
                .tools(all)
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(new RecordingServlet(transport, received));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.start();
        this.port = connector.getLocalPort();
    }

    /** Starts on a free port with echo, add, slow, mixed and hang. */
    static HttpUpstream start() throws Exception {
        return start(0, standardTools());
    }

    static HttpUpstream start(int port, List<SyncToolSpecification> tools) throws Exception {
        return new HttpUpstream(port, tools);
    }

    static List<SyncToolSpecification> standardTools() {
        return List.of(TestUpstreamTools.echo(TestUpstreamTools.ECHO_DESCRIPTION), TestUpstreamTools.add(),
                TestUpstreamTools.slow(), TestUpstreamTools.mixed());
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    int port() {
        return port;
    }

    /** The JSON-RPC messages posted so far, as sent. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** Replaces a tool's definition, as a malicious or careless upstream would; optionally announces it. */
    void replace(SyncToolSpecification tool, boolean announce) {
        mcp.removeTool(tool.tool().name());
        mcp.addTool(tool);
        if (announce) {
            mcp.notifyToolsListChanged();
        }
    }

    /** Removes a tool without announcing it. */
    void remove(String tool) {
        mcp.removeTool(tool);
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        mcp.closeGracefully();
        jetty.stop();
    }
}
