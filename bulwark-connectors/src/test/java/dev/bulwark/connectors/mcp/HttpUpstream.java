package dev.bulwark.connectors.mcp;

import dev.bulwark.testkit.RecordingServlet;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The testkit's upstream MCP server with the connector tests' tools, always including {@code hang}, and a record of
 * every JSON-RPC message posted to it.
 */
final class HttpUpstream implements AutoCloseable {
    final CountDownLatch release = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final JettyMcpUpstream server;

    private HttpUpstream(int port, List<SyncToolSpecification> tools) throws Exception {
        List<SyncToolSpecification> all = new ArrayList<>(tools);
        all.add(TestUpstreamTools.hang(release));
        server = JettyMcpUpstream.start(port, all, sdk -> new RecordingServlet(sdk, received));
    }

    /** Starts on a free port with echo, add, slow, mixed and hang. */
    static HttpUpstream start() throws Exception {
        return start(0, standardTools());
    }

    static HttpUpstream start(int port, List<SyncToolSpecification> tools) throws Exception {
        return new HttpUpstream(port, tools);
    }

    static List<SyncToolSpecification> standardTools() {
        return List.of(McpTestTools.echo(McpTestTools.ECHO_DESCRIPTION), TestUpstreamTools.add(),
                McpTestTools.slow(), TestUpstreamTools.mixed());
    }

    URI url() {
        return server.url();
    }

    int port() {
        return server.port();
    }

    /** The JSON-RPC messages posted so far, as sent. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** Replaces a tool's definition, as a malicious or careless upstream would; optionally announces it. */
    void replace(SyncToolSpecification tool, boolean announce) {
        server.replace(tool, announce);
    }

    /** Lists {@code tool} with {@code field} set to the raw value from now on (see the testkit's upstream). */
    void declareToolField(String tool, String field, Object raw) {
        server.declareToolField(tool, field, raw);
    }

    /** Removes a tool without announcing it. */
    void remove(String tool) {
        server.remove(tool);
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        server.close();
    }
}
