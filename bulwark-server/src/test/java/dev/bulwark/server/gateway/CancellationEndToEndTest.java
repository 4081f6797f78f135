package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import dev.bulwark.testkit.RecordingServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code notifications/cancelled} for a running call reaches the upstream as a cancellation of the
 * gateway's own request, and the agent's call ends at once instead of when the upstream finishes. Only the session
 * that sent the call can cancel it.
 */
class CancellationEndToEndTest {
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
    private static final List<String> UPSTREAM_RECEIVED = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch started = new CountDownLatch(1);
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = UpstreamGateway.start(data, JettyMcpUpstream.start(0, List.of(McpTestTools.tool("slow",
                "Takes ten seconds.", "{\"type\":\"object\"}", null, (ex, req) -> {
                    started.countDown();
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return McpTestTools.text("finished");
                })), servlet -> new RecordingServlet(servlet, UPSTREAM_RECEIVED)), """
                @id("calls") permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                """, UpstreamGateway.Mount.PLAIN.unprefixed().withTimeout("20s"));
    }

    @Test
    void theAgentCancelsARunningCallAndTheUpstreamIsToldToStop() throws Exception {
        SlowCall call = startSlowCall("canceller", 42);
        long before = System.nanoTime();

        assertThat(post(call.token(), call.session(), cancel(42)).get(10, TimeUnit.SECONDS).statusCode())
                .isEqualTo(202);

        HttpResponse<String> answered = call.answer().get(8, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(8));
        assertThat(answered.body()).contains("the agent cancelled the call to up.slow");
        // the notification to the upstream leaves on its own request, which may land after the agent's answer
        dev.bulwark.testkit.Eventually.until(() -> UPSTREAM_RECEIVED.stream().anyMatch(body -> body.contains(
                "notifications/cancelled") && body.contains("cancelled by the agent")));
    }

    @Test
    void anotherAgentCannotCancelACallItDidNotMake() throws Exception {
        SlowCall call = startSlowCall("owner", 7);
        int cancelledBefore = (int) UPSTREAM_RECEIVED.stream().filter(b -> b.contains("notifications/cancelled"))
                .count();

        // the intruder's own session, the owner's request id: a different call, nothing happens
        String intruder = fixture.token("intruder");
        assertThat(post(intruder, open(intruder), cancel(7)).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        // the owner's session with the intruder's credential: refused at the gate
        assertThat(post(intruder, call.session(), cancel(7)).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);

        assertThat(call.answer().get(20, TimeUnit.SECONDS).body()).contains("finished");
        assertThat(UPSTREAM_RECEIVED.stream().filter(b -> b.contains("notifications/cancelled")).count())
                .isEqualTo(cancelledBefore);
    }

    /** A call of the slow tool that is running upstream, made by an agent in its own session. */
    private record SlowCall(String token, String session, CompletableFuture<HttpResponse<String>> answer) {}

    /** Opens a session for a new agent and calls the slow tool as request {@code id}; returns once it runs. */
    private SlowCall startSlowCall(String agent, int id) throws Exception {
        started = new CountDownLatch(1);
        String token = fixture.token(agent);
        String session = open(token);
        CompletableFuture<HttpResponse<String>> answer = post(token, session, callSlow(id));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return new SlowCall(token, session, answer);
    }

    private String open(String token) throws Exception {
        HttpResponse<String> init = post(token, null, INIT).get(10, TimeUnit.SECONDS);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").get(10,
                TimeUnit.SECONDS);
        return session;
    }

    private CompletableFuture<HttpResponse<String>> post(String token, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.gateway().mcpUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String callSlow(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\","
                + "\"arguments\":{}}}";
    }

    private static String cancel(int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
                + ",\"reason\":\"user gave up\"}}";
    }
}
