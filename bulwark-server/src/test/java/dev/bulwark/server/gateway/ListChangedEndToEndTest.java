package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Eventually;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream changes its prompts and resources and says so; agents connected to the gateway whose filtered lists
 * changed are told and list again through the gateway (filtered by policy), others are not told, and a burst of
 * announcements reaches them coalesced.
 */
class ListChangedEndToEndTest {
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = UpstreamGateway.start(data, JettyMcpUpstream.start(List.of(), spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, true).prompts(true)
                        .build())
                .resources(text("note://public/status"))
                .prompts(prompt("greet"))), UpstreamGateway.READERS_READ_UP,
                UpstreamGateway.Mount.PLAIN);
    }

    @Test
    void agentsAreToldWhenAnUpstreamsPromptsOrResourcesChange() throws Exception {
        List<List<String>> prompts = new CopyOnWriteArrayList<>();
        List<List<String>> resources = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", prompts, resources)) {
            assertThat(reader.getServerCapabilities().prompts().listChanged()).isTrue();
            assertThat(reader.getServerCapabilities().resources().listChanged()).isTrue();

            fixture.upstream().addPrompt(prompt("farewell"));
            // the SDK client lists again on the notification, through the gateway
            Eventually.until(() -> prompts.stream().anyMatch(l -> l.contains("up.farewell")));
            assertThat(prompts.getLast()).contains("up.greet", "up.farewell");

            fixture.upstream().addResource(text("note://public/news"));
            Eventually.until(() -> resources.stream().anyMatch(l -> l.contains("note://public/news")));
        }
    }

    @Test
    void aBurstOfAnnouncementsReachesAgentsCoalesced() throws Exception {
        List<List<String>> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", prompts, new CopyOnWriteArrayList<>())) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                fixture.upstream().addPrompt(prompt("burst-" + i));
            }
            long windows = Duration.ofNanos(System.nanoTime() - start).toMillis() / 500 + 1;
            Eventually.until(() -> prompts.stream().anyMatch(l -> l.contains("up.burst-49")));
            Thread.sleep(1_500);
            // 50 announcements (100 with the SDK's own): at most one notification per 500 ms window, plus the last
            assertThat(prompts.size()).isBetween(1, (int) Math.min(windows + 1, 10));
        }
    }

    @Test
    void anAgentWithoutAPermitIsNotToldOfAChangeItCannotSee() throws Exception {
        List<List<String>> outsiders = new CopyOnWriteArrayList<>();
        List<List<String>> readers = new CopyOnWriteArrayList<>();
        try (McpSyncClient outsider = client("outsider", outsiders, outsiders);
             McpSyncClient reader = client("reader", readers, readers)) {
            String added = "secret-" + System.nanoTime();
            fixture.upstream().addPrompt(prompt(added));
            fixture.upstream().addResource(text("note://public/" + added));
            // the reader may see both: told, and lists them
            Eventually.until(() -> readers.stream().anyMatch(l -> l.contains("up." + added)));
            Eventually.until(() -> readers.stream().anyMatch(l -> l.contains("note://public/" + added)));
            // the outsider's filtered lists (empty) did not change: it is told nothing
            Thread.sleep(1_500);
            assertThat(outsiders).isEmpty();
            assertThat(outsider.listPrompts().prompts()).isEmpty();
        }
    }

    private static McpSyncClient client(String role, List<List<String>> prompts, List<List<String>> resources) {
        McpSyncClient client = fixture.clientSpec(role)
                .promptsChangeConsumer(l -> prompts.add(l.stream().map(McpSchema.Prompt::name).toList()))
                .resourcesChangeConsumer(l -> resources.add(l.stream().map(McpSchema.Resource::uri).toList()))
                .build();
        client.initialize();
        return client;
    }

    private static McpServerFeatures.SyncResourceSpecification text(String uri) {
        return McpTestTools.textResource(uri, "text of " + uri);
    }

    private static McpServerFeatures.SyncPromptSpecification prompt(String name) {
        return new McpServerFeatures.SyncPromptSpecification(new McpSchema.Prompt(name, "a prompt", List.of()),
                (ex, req) -> new McpSchema.GetPromptResult(null, List.of(new McpSchema.PromptMessage(
                        McpSchema.Role.USER, new McpSchema.TextContent("hello")))));
    }
}
