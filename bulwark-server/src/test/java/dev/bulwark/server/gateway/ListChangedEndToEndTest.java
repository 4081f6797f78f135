package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
 * An upstream changes its prompts and resources and says so; agents connected to the gateway are told, list again
 * through the gateway (filtered by policy), and a burst of announcements reaches them coalesced.
 */
class ListChangedEndToEndTest {
    @TempDir
    static Path data;
    private static JettyMcpUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = JettyMcpUpstream.start(List.of(), spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, true).prompts(true)
                        .build())
                .resources(text("note://public/status"))
                .prompts(prompt("greet")));
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("notes.cedar"), """
                @id("readers-use-notes")
                permit (principal in Bulwark::Role::"reader", action == Bulwark::Action::"read",
                        resource in Bulwark::Connector::"up");
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
    void agentsAreToldWhenAnUpstreamsPromptsOrResourcesChange() throws Exception {
        List<List<String>> prompts = new CopyOnWriteArrayList<>();
        List<List<String>> resources = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", prompts, resources)) {
            assertThat(reader.getServerCapabilities().prompts().listChanged()).isTrue();
            assertThat(reader.getServerCapabilities().resources().listChanged()).isTrue();

            upstream.addPrompt(prompt("farewell"));
            // the SDK client lists again on the notification, through the gateway
            eventually(() -> prompts.stream().anyMatch(l -> l.contains("up.farewell")));
            assertThat(prompts.getLast()).contains("up.greet", "up.farewell");

            upstream.addResource(text("note://public/news"));
            eventually(() -> resources.stream().anyMatch(l -> l.contains("note://public/news")));
        }
    }

    @Test
    void aBurstOfAnnouncementsReachesAgentsCoalesced() throws Exception {
        List<List<String>> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", prompts, new CopyOnWriteArrayList<>())) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                upstream.addPrompt(prompt("burst-" + i));
            }
            long windows = Duration.ofNanos(System.nanoTime() - start).toMillis() / 500 + 1;
            eventually(() -> prompts.stream().anyMatch(l -> l.contains("up.burst-49")));
            Thread.sleep(1_500);
            // 50 announcements (100 with the SDK's own): at most one notification per 500 ms window, plus the last
            assertThat(prompts.size()).isBetween(1, (int) Math.min(windows + 1, 10));
        }
    }

    @Test
    void anAgentWithoutAPermitListsNothingAfterTheNotification() throws Exception {
        List<List<String>> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient outsider = client("outsider", prompts, new CopyOnWriteArrayList<>())) {
            upstream.addPrompt(prompt("secret-" + System.nanoTime()));
            eventually(() -> !prompts.isEmpty());
            assertThat(prompts).allSatisfy(l -> assertThat(l).isEmpty());
        }
    }

    private static McpSyncClient client(String role, List<List<String>> prompts, List<List<String>> resources) {
        String id = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var registration = gateway.identity().agents().register(id, "tests@example.com", Set.of(role), Map.of());
        String token = TestGateways.token(gateway, id, registration.apiKey().value());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .promptsChangeConsumer(l -> prompts.add(l.stream().map(McpSchema.Prompt::name).toList()))
                .resourcesChangeConsumer(l -> resources.add(l.stream().map(McpSchema.Resource::uri).toList()))
                .build();
        client.initialize();
        return client;
    }

    private static McpServerFeatures.SyncResourceSpecification text(String uri) {
        return new McpServerFeatures.SyncResourceSpecification(new McpSchema.Resource(uri,
                uri.substring(uri.lastIndexOf('/') + 1), null, null, null, null, null, null), (ex, req) ->
                new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(req.uri(), "text/plain",
                        "text of " + uri))));
    }

    private static McpServerFeatures.SyncPromptSpecification prompt(String name) {
        return new McpServerFeatures.SyncPromptSpecification(new McpSchema.Prompt(name, "a prompt", List.of()),
                (ex, req) -> new McpSchema.GetPromptResult(null, List.of(new McpSchema.PromptMessage(
                        McpSchema.Role.USER, new McpSchema.TextContent("hello")))));
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
