package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.Eventually;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team round 2: an upstream that answers a tool call with an event stream that never ends (a comment every few
 * milliseconds, never a response). The call ends at the upstream's timeout with an answer, and the gateway lets go
 * of the stream: the upstream sees its connection closed soon after, so such calls cannot pile up open connections.
 * Before, the gateway went on reading the stream (about 190 KB a second here) after the call had timed out.
 */
class EndlessStreamUpstreamTest {
    @TempDir
    Path data;

    @Test
    void aToolCallAnsweredByANeverEndingStreamTimesOutAndTheGatewayClosesTheStream() throws Exception {
        AtomicBoolean streaming = new AtomicBoolean();
        AtomicBoolean closedByGateway = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/mcp", exchange -> answer(exchange, streaming, closedByGateway, written));
        upstream.start();
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), """
                permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                """);
        BulwarkConfig config = new BulwarkConfig(data.toString(), null, null, null,
                new PolicySettings(policies.toString(), null), null, null, List.of(new UpstreamSettings("up",
                "http://127.0.0.1:" + upstream.getAddress().getPort() + "/mcp", null, null, Map.of(), null, "2s",
                "tofu", false)), null, null, null).withPort(0);
        try (Gateway gateway = Gateway.start(config);
             McpSyncClient client = UpstreamGateway.client(gateway, "streamer", "caller")) {
            long start = System.nanoTime();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("stream", Map.of()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.isError()).isTrue();
            assertThat(streaming).isTrue();
            assertThat(millis).isLessThan(15_000);
            Eventually.until(closedByGateway::get);
            long after = written.get();
            Thread.sleep(500);
            assertThat(written.get()).as("nothing more is read once the call ended").isEqualTo(after);
        } finally {
            upstream.stop(0);
        }
    }

    /** A minimal Streamable HTTP MCP server: initialize, one tool, and a call answered by a stream without end. */
    private static void answer(HttpExchange exchange, AtomicBoolean streaming, AtomicBoolean closed,
                               AtomicLong written) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = body.replaceAll("(?s).*\"id\"\\s*:\\s*(\"[^\"]*\"|[0-9]+).*", "$1");
        exchange.getResponseHeaders().set("Mcp-Session-Id", "s-1");
        if (!body.contains("\"id\"")) {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        } else if (body.contains("\"initialize\"")) {
            json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"endless\",\"version\":\"1\"}}}");
        } else if (body.contains("\"tools/list\"")) {
            json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"tools\":[{\"name\":\"stream\","
                    + "\"description\":\"Streams.\",\"inputSchema\":{\"type\":\"object\"}}]}}");
        } else if (body.contains("\"tools/call\"")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            streaming.set(true);
            byte[] comment = (": " + "x".repeat(1000) + "\n\n").getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(comment);
                    out.flush();
                    written.addAndGet(comment.length);
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                closed.set(true);
            }
        } else {
            json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
        }
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
