package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.server.config.StreamSettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own SSE streams (its front door, the SDK's servlet behind {@code ResumableStreams}) open with a
 * priming event and a {@code retry} hint, and an agent that loses a call's stream gets the answer by resuming it
 * with {@code GET} and {@code Last-Event-ID}; only its own session's stream, only within the kept bounds.
 */
class StreamResumptionEndToEndTest {
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
    private static volatile CountDownLatch started = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static volatile CountDownLatch returned = new CountDownLatch(1);
    @TempDir
    static Path data;
    private static JettyMcpUpstream upstream;
    private static Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes."), McpTestTools.slow(), spare("v1"),
                McpTestTools.tool("wait", "Answers when the test lets it.", "{\"type\":\"object\"}", null,
                        (exchange, request) -> {
                            if (request.progressToken() != null) {
                                exchange.progressNotification(new McpSchema.ProgressNotification(
                                        request.progressToken(), 1.0, 2.0, "half way"));
                            }
                            started.countDown();
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            returned.countDown();
                            return McpTestTools.text("finished " + request.arguments().get("n"));
                        })));
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), """
                @id("calls") permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                """);
        // three events kept per stream, so that a call with progress outgrows it
        ServerSettings server = new ServerSettings(null, 0, null, null, null, null, null,
                new StreamSettings(null, null, null, 3, null, null, null, null, null));
        gateway = Gateway.start(new BulwarkConfig(data.toString(), server, null, null,
                new PolicySettings(policies.toString(), null), null, null, List.of(new UpstreamSettings("up",
                upstream.url().toString(), null, null, Map.of(), null, "30s", "tofu", false)), null,
                new GuardSettings(null, new InjectionSettings(null, null, null, null, null, "off")), null));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void aCallsStreamOpensWithAPrimingEventAndTheRetryHint() throws Exception {
        Agent agent = new Agent("primed");

        List<SseEvent> events = SseEvent.parse(agent.post(call(5, "echo", "{\"text\":\"hi\"}", false)).body());

        assertThat(events).hasSize(2);
        SseEvent priming = events.get(0);
        assertThat(priming.id()).matches("[0-9a-f]{32}_0");
        assertThat(priming.retry()).isEqualTo("2000");
        assertThat(priming.data()).isEmpty();
        assertThat(events.get(1).id()).isEqualTo(stream(priming) + "_1");
        assertThat(events.get(1).data()).contains("\"id\":5").contains("echo: hi");
    }

    @Test
    void anAgentThatLosesACallsStreamResumesItAndGetsTheAnswerOnce() throws Exception {
        reset();
        Agent agent = new Agent("resumer");
        SseEvent progress;
        try (SseReader dropped = agent.open(call(6, "wait", "{\"n\":6}", true))) {
            SseEvent priming = dropped.next();
            progress = dropped.next();
            assertThat(progress.id()).isEqualTo(stream(priming) + "_1");
            assertThat(progress.data()).contains("half way");
        } // the connection is gone while the call still runs

        try (SseReader resumed = agent.resume(progress.id())) {
            assertThat(resumed.status()).isEqualTo(200);
            release.countDown();
            List<SseEvent> rest = resumed.rest();

            assertThat(rest).extracting(SseEvent::id).containsExactly(stream(progress) + "_2");
            assertThat(rest.get(0).data()).contains("\"id\":6").contains("finished 6");
        }
    }

    @Test
    void anAgentThatResumesAfterTheCallEndedGetsTheKeptAnswerOnce() throws Exception {
        reset();
        Agent agent = new Agent("late");
        SseEvent priming;
        try (SseReader dropped = agent.open(call(7, "wait", "{\"n\":7}", false))) {
            priming = dropped.next();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        }
        release.countDown();
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // the gateway writes the answer to the lost connection, and keeps it

        try (SseReader resumed = agent.resume(priming.id())) {
            List<SseEvent> rest = resumed.rest();
            assertThat(rest).hasSize(1);
            assertThat(rest.get(0).id()).isEqualTo(stream(priming) + "_1");
            assertThat(rest.get(0).data()).contains("\"id\":7").contains("finished 7");
        }
        // and again: the stream is replayed, never mixed with another one's events
        try (SseReader again = agent.resume(priming.id())) {
            assertThat(again.rest()).extracting(SseEvent::data).singleElement().asString().contains("finished 7");
        }
    }

    @Test
    void anotherSessionOrPrincipalCannotResumeAStream() throws Exception {
        Agent owner = new Agent("owner");
        List<SseEvent> events = SseEvent.parse(owner.post(call(8, "echo", "{\"text\":\"secret-8\"}", false)).body());
        String id = events.get(0).id();

        Agent sameAgentOtherSession = owner.newSession();
        HttpResponse<String> otherSession = sameAgentOtherSession.get(id);
        assertThat(otherSession.statusCode()).isEqualTo(404);
        assertThat(otherSession.body()).doesNotContain("secret-8");

        Agent intruder = new Agent("intruder");
        HttpResponse<String> stolen = intruder.withSession(owner.session).get(id);
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(stolen.body()).doesNotContain("secret-8");

        HttpResponse<String> own = owner.get(id);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("secret-8");
    }

    @Test
    void aResumptionThatWouldSkipADroppedEventIsRefused() throws Exception {
        Agent agent = new Agent("bounded");
        // three progress notifications and the answer: four events, three kept
        List<SseEvent> events = SseEvent.parse(agent.post(call(9, "slow", "{}", true)).body());
        assertThat(events).hasSize(5);
        String stream = stream(events.get(0));

        HttpResponse<String> gone = agent.get(stream + "_0");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("no longer kept").doesNotContain("step");

        List<SseEvent> kept = SseEvent.parse(agent.get(stream + "_1").body());
        assertThat(kept).extracting(SseEvent::id).containsExactly(stream + "_2", stream + "_3", stream + "_4");
        assertThat(kept.get(2).data()).contains("done");
    }

    @Test
    void hostileEventIdsAreRefusedWithoutEvents() throws Exception {
        Agent agent = new Agent("hostile");
        String stream = stream(SseEvent.parse(agent.post(call(10, "echo", "{\"text\":\"mine\"}", false)).body()).get(0));

        for (String malformed : List.of("x", "1", stream, stream + "_-1", stream + "_1_1", "../" + stream + "_1",
                stream.toUpperCase() + "_1", stream + "_" + "9".repeat(40), "%00", "a".repeat(200))) {
            HttpResponse<String> refused = agent.get(malformed);
            assertThat(refused.statusCode()).as(malformed).isEqualTo(400);
            assertThat(refused.body()).as(malformed).doesNotContain("mine").contains("\"error\"");
        }
        for (String unknown : List.of(stream + "_2", stream + "_999", "0".repeat(32) + "_1",
                stream.substring(1) + "0_1")) {
            HttpResponse<String> refused = agent.get(unknown);
            assertThat(refused.statusCode()).as(unknown).isEqualTo(404);
            assertThat(refused.body()).as(unknown).doesNotContain("mine");
        }
        HttpResponse<String> sessionless = agent.withSession(null).get(stream + "_0");
        assertThat(sessionless.statusCode()).isEqualTo(400);

        // every refusal is audited with its reason, never with the id that was sent
        dev.bulwark.testkit.Eventually.until(() -> gateway.auditLog().tail(100).stream()
                .filter(r -> r.event().action().equals("mcp.resume")
                        && r.event().agentId() != null && r.event().agentId().startsWith("hostile-"))
                .map(r -> r.event().reason()).collect(java.util.stream.Collectors.toSet())
                .containsAll(Set.of("EVENT_ID_MALFORMED", "EVENT_ID_UNKNOWN", "SESSION_MISSING")));
        assertThat(gateway.auditLog().tail(100)).filteredOn(r -> r.event().action().equals("mcp.resume"))
                .allSatisfy(r -> assertThat(r.event().details().toString()).doesNotContain(stream));
    }

    @Test
    void theStandaloneListeningStreamStillOpensAndIsPrimed() throws Exception {
        Agent agent = new Agent("listener");
        try (SseReader listening = agent.listen()) {
            assertThat(listening.status()).isEqualTo(200);
            assertThat(listening.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            SseEvent priming = listening.next();
            assertThat(priming.id()).matches("[0-9a-f]{32}_0");
            assertThat(priming.data()).isEmpty();
        }
    }

    @Test
    void aLostListeningStreamIsResumedWithWhatWasSentMeanwhileAndStaysOpen() throws Exception {
        Agent agent = new Agent("listening");
        SseEvent priming;
        try (SseReader listening = agent.listen()) {
            priming = listening.next();
        } // the listening stream's connection is gone; the SDK does not know

        upstream.replace(spare("v2"), true); // the gateway tells its agents that its tool list changed

        try (SseReader resumed = agent.resume(priming.id())) {
            SseEvent changed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return resumed.next();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(changed.id()).isEqualTo(stream(priming) + "_1");
            assertThat(changed.data()).contains("notifications/tools/list_changed");
        }
    }

    @Test
    void aListeningStreamReplacedByAnotherPlainGetIsGoneAtOnce() throws Exception {
        Agent agent = new Agent("relistening");
        SseEvent first;
        try (SseReader listening = agent.listen()) {
            first = listening.next();
        }
        try (SseReader again = agent.listen()) {
            SseEvent second = again.next();
            assertThat(stream(second)).isNotEqualTo(stream(first));
            // the SDK closed the replaced stream; its events are not kept until the retention runs out
            HttpResponse<String> replaced = agent.get(first.id());
            assertThat(replaced.statusCode()).isEqualTo(404);
            assertThat(replaced.body()).contains("no stream of this session sent that event id");
        }
    }

    private static io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification spare(String version) {
        return McpTestTools.tool("spare", "A spare tool, " + version + ".", "{\"type\":\"object\"}", null,
                (exchange, request) -> McpTestTools.text("spare " + version));
    }

    private static void reset() {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        returned = new CountDownLatch(1);
    }

    private static String stream(SseEvent event) {
        return event.id().substring(0, event.id().indexOf('_'));
    }

    private static String call(int id, String tool, String arguments, boolean progress) {
        String meta = progress ? ",\"_meta\":{\"progressToken\":\"p" + id + "\"}" : "";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + meta + "}}";
    }

    /** A registered agent with an initialized session, speaking raw HTTP. */
    private final class Agent {
        private final String token;
        private final String session;

        Agent(String name) throws Exception {
            String id = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            var registration = gateway.identity().agents().register(id, "tests@example.com", Set.of("any"),
                    Map.of());
            this.token = TestGateways.token(gateway, id, registration.apiKey().value());
            this.session = initialize(token);
        }

        private Agent(String token, String session) {
            this.token = token;
            this.session = session;
        }

        Agent newSession() throws Exception {
            return new Agent(token, initialize(token));
        }

        Agent withSession(String other) {
            return new Agent(token, other);
        }

        private String initialize(String bearer) throws Exception {
            HttpResponse<String> init = http.send(request("POST", INIT, bearer, null),
                    HttpResponse.BodyHandlers.ofString());
            String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(request("POST", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", bearer, id),
                    HttpResponse.BodyHandlers.ofString());
            return id;
        }

        HttpResponse<String> post(String body) throws Exception {
            return http.send(request("POST", body, token, session), HttpResponse.BodyHandlers.ofString());
        }

        SseReader open(String body) throws Exception {
            return new SseReader(http.send(request("POST", body, token, session),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }

        HttpResponse<String> get(String lastEventId) throws Exception {
            return http.send(request("GET", null).header("Accept", "text/event-stream")
                    .header("Last-Event-ID", lastEventId).build(), HttpResponse.BodyHandlers.ofString());
        }

        SseReader listen() throws Exception {
            return new SseReader(http.send(request("GET", null).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }

        SseReader resume(String lastEventId) throws Exception {
            return new SseReader(http.send(request("GET", null).header("Accept", "text/event-stream")
                    .header("Last-Event-ID", lastEventId).build(), HttpResponse.BodyHandlers.ofInputStream()));
        }

        HttpRequest.Builder request(String method, String body) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2025-11-25");
            if (session != null) {
                builder.header("Mcp-Session-Id", session);
            }
            return body == null ? builder.GET() : builder.header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }

        private HttpRequest request(String method, String body, String bearer, String sessionId) {
            return new Agent(bearer, sessionId).request(method, body).build();
        }
    }
}
