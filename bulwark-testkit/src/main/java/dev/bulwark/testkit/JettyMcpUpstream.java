package dev.bulwark.testkit;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real upstream MCP server for tests: the SDK's Streamable HTTP servlet at {@code /mcp} on embedded Jetty 12,
 * bound to loopback.
 *
 * <p>Its tools run on the request's Jetty thread ({@code immediateExecution}), as a server in another process would,
 * and not on Reactor's JVM-wide {@code boundedElastic} pool: tests call their gateway from that pool, and an upstream
 * queued behind its own blocked callers would only time out. Tool names are not validated, so that tests can offer
 * hostile ones.
 */
public final class JettyMcpUpstream implements AutoCloseable {
    private final Server jetty = new Server();
    private final McpSyncServer mcp;
    private final ExtraToolFields extraFields =
            new ExtraToolFields(io.modelcontextprotocol.json.McpJsonDefaults.getMapper());
    private final int port;

    private JettyMcpUpstream(int port, List<SyncToolSpecification> tools, UnaryOperator<HttpServlet> servlet)
            throws Exception {
        this(port, tools, servlet, spec -> { });
    }

    private JettyMcpUpstream(int port, List<SyncToolSpecification> tools, UnaryOperator<HttpServlet> servlet,
                             java.util.function.Consumer<McpServer.SyncSpecification<?>> features)
            throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(extraFields).mcpEndpoint("/mcp").build();
        var spec = McpServer.sync(transport)
                .serverInfo("test-upstream", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .strictToolNameValidation(false)
                .immediateExecution(true)
                .tools(tools);
        features.accept(spec);
        mcp = spec.build();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet.apply(transport));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            jetty.stop();
            throw e;
        }
        this.port = connector.getLocalPort();
    }

    /** Starts on a free port. */
    public static JettyMcpUpstream start(List<SyncToolSpecification> tools) throws Exception {
        return start(0, tools, UnaryOperator.identity());
    }

    /**
     * Starts on {@code port} (0: a free one), serving through the servlet {@code servlet} makes of the SDK's, for
     * tests that watch or tamper with the traffic.
     */
    public static JettyMcpUpstream start(int port, List<SyncToolSpecification> tools,
            UnaryOperator<HttpServlet> servlet) throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new JettyMcpUpstream(port, List.copyOf(tools), servlet);
    }

    /**
     * Starts on a free port with more than tools: {@code features} adds resources, prompts, completions and the
     * capabilities announcing them to the SDK server before it is built.
     */
    public static JettyMcpUpstream start(List<SyncToolSpecification> tools,
            java.util.function.Consumer<McpServer.SyncSpecification<?>> features) throws Exception {
        return new JettyMcpUpstream(0, List.copyOf(tools), UnaryOperator.identity(), features);
    }

    /** The MCP endpoint, {@code http://127.0.0.1:<port>/mcp}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    public int port() {
        return port;
    }

    /** Replaces a tool's definition, as a malicious or careless upstream would; optionally announces it. */
    public void replace(SyncToolSpecification tool, boolean announce) {
        mcp.removeTool(tool.tool().name());
        mcp.addTool(tool);
        if (announce) {
            mcp.notifyToolsListChanged();
        }
    }

    /**
     * Lists {@code tool} with {@code field} set to {@code raw} (maps, lists, strings, numbers, booleans, as JSON) from
     * now on: a field the SDK's tool record lacks, such as {@code execution}, or a hostile value of one.
     */
    public void declareToolField(String tool, String field, Object raw) {
        extraFields.set(tool, field, raw);
    }

    /** Lists {@code tool} without the field {@link #declareToolField} set. */
    public void dropToolField(String tool, String field) {
        extraFields.remove(tool, field);
    }

    /** Tells the clients that subscribed to {@code uri} that it changed. */
    public void announceResourceUpdated(String uri) {
        mcp.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
    }

    /** Adds a resource and announces {@code notifications/resources/list_changed}. */
    public void addResource(io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification resource) {
        mcp.addResource(resource);
        mcp.notifyResourcesListChanged();
    }

    /** Adds a prompt and announces {@code notifications/prompts/list_changed}. */
    public void addPrompt(io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification prompt) {
        mcp.addPrompt(prompt);
        mcp.notifyPromptsListChanged();
    }

    /** Removes a tool without announcing it. */
    public void remove(String tool) {
        mcp.removeTool(tool);
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}
