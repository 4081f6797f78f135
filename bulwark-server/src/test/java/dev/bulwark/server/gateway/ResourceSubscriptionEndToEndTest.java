package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent subscribes to an upstream resource through the gateway and is told when it changes; subscribing needs what
 * listing needs, and an unsubscribed session is told nothing.
 */
class ResourceSubscriptionEndToEndTest {
    private static final String WATCHED = "note://public/status";
    @TempDir
    static Path data;
    private static JettyMcpUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = JettyMcpUpstream.start(List.of(), spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(true, false).build())
                .resources(text(WATCHED, "all good"), text("note://secret/plan", "the plan")));
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("notes.cedar"), """
                @id("readers-use-notes")
                permit (principal in Bulwark::Role::"reader", action == Bulwark::Action::"read",
                        resource in Bulwark::Connector::"up");
                @id("no-secrets")
                forbid (principal, action, resource == Bulwark::Resource::"note://secret/plan");
                """);
        gateway = Gateway.start(new BulwarkConfig(data.toString(), null, null, null,
                new PolicySettings(policies.toString(), null), null, null, List.of(new UpstreamSettings("up",
                upstream.url().toString(), null, null, Map.of(), null, "10s", "tofu")), null,
                new GuardSettings(null, new InjectionSettings(null, null, null, null, null, "off")), null)
                .withPort(0));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void aSubscribedAgentIsToldOfUpdatesUntilItUnsubscribes() throws Exception {
        List<String> updated = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", updated)) {
            assertThat(reader.getServerCapabilities().resources().subscribe()).isTrue();
            reader.subscribeResource(new McpSchema.SubscribeRequest(WATCHED));

            upstream.announceResourceUpdated(WATCHED);
            eventually(() -> !updated.isEmpty());
            // the SDK client re-reads what changed, through the gateway (decided and screened like any read)
            assertThat(updated).contains("all good");

            reader.unsubscribeResource(new McpSchema.UnsubscribeRequest(WATCHED));
            updated.clear();
            upstream.announceResourceUpdated(WATCHED);
            Thread.sleep(500);
            assertThat(updated).isEmpty();
        }
    }

    @Test
    void subscribingNeedsWhatListingNeeds() {
        try (McpSyncClient outsider = client("outsider", new CopyOnWriteArrayList<>());
             McpSyncClient reader = client("reader", new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(() -> outsider.subscribeResource(new McpSchema.SubscribeRequest(WATCHED)))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("note://secret/plan")))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("note://nowhere")))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("x".repeat(5000))))
                    .isInstanceOf(McpError.class);
        }
    }

    private static McpSyncClient client(String role, List<String> updated) {
        String id = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var registration = gateway.identity().agents().register(id, "tests@example.com", Set.of(role), Map.of());
        String token = TestGateways.token(gateway, id, registration.apiKey().value());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(
                        c instanceof McpSchema.TextResourceContents t ? t.text() : c.uri())))
                .build();
        client.initialize();
        return client;
    }

    private static McpServerFeatures.SyncResourceSpecification text(String uri, String body) {
        return new McpServerFeatures.SyncResourceSpecification(new McpSchema.Resource(uri,
                uri.substring(uri.lastIndexOf('/') + 1), null, null, null, null, null, null), (ex, req) ->
                new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(req.uri(), "text/plain",
                        body))));
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
