package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.Eventually;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that, during a call, samples the agent's model, elicits input from its user and logs: through the real
 * gateway to an SDK client. Relayed only when the client declared the capability and policy permits it, audited
 * either way; hostile upstreams (huge schemas, requests after the call, log floods) are bounded.
 */
class RelayEndToEndTest {
    private static final String SECRET = "AKIAZ7Q3LRX5MK2PWN4T";
    /** What the upstream got back from the agent's client (the agent's view of tool output is guarded on its own). */
    private static final List<String> UPSTREAM_SAW = new CopyOnWriteArrayList<>();
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(
                tool("ask_model", (ex, req) -> attempt(() -> {
                    String said = ((McpSchema.TextContent) ex.createMessage(McpSchema.CreateMessageRequest.builder()
                            .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                    new McpSchema.TextContent("hello")))).maxTokens(10).build()).content()).text();
                    UPSTREAM_SAW.add(said);
                    return "model said: " + said;
                })),
                tool("ask_user", (ex, req) -> attempt(() -> {
                    McpSchema.ElicitResult r = ex.createElicitation(McpSchema.ElicitRequest.builder("Your name?",
                            Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string",
                                    "default", "Ada")))).build());
                    UPSTREAM_SAW.add(r.action() + " " + r.content());
                    return "user: " + r.action() + " " + r.content();
                })),
                tool("ask_roots", (ex, req) -> attempt(() -> "roots: " + ex.listRoots().roots().stream()
                        .map(McpSchema.Root::uri).toList())),
                tool("ask_url", (ex, req) -> attempt(() -> "url: " + ex.createElicitation(
                        new McpSchema.ElicitUrlRequest("Sign in to the docs service", "https://docs.example.com/auth",
                                "e-1", null)).action())),
                tool("ask_user_hugely", (ex, req) -> attempt(() -> ex.createElicitation(McpSchema.ElicitRequest
                        .builder("Fill this in", Map.of("type", "object", "description", "x".repeat(100_000)))
                        .build()).action().toString())),
                tool("chatty", (ex, req) -> {
                    for (int i = 1; i <= 3; i++) {
                        ex.loggingNotification(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO,
                                "up", "step " + i + (i == 2 ? " key " + SECRET : "")));
                    }
                    ex.loggingNotification(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.ERROR,
                            "up", "something broke"));
                    return McpTestTools.text("done");
                }),
                tool("flood", (ex, req) -> {
                    for (int i = 0; i < 500; i++) {
                        ex.loggingNotification(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO,
                                "up", "line " + i));
                    }
                    return McpTestTools.text("flooded");
                })));
        fixture = UpstreamGateway.start(data, upstream, """
                @id("calls") permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                @id("up-may-ask-support")
                permit (principal in Bulwark::Role::"support", action in Bulwark::Action::"relay",
                        resource in Bulwark::Connector::"up");
                """, UpstreamGateway.Mount.PLAIN.unprefixed());
    }

    @Test
    void samplingAndElicitationReachAPermittedClientAndTheAnswersReachTheUpstreamAudited() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("support", true, prompts, null)) {
            assertThat(text(client, "ask_model")).isEqualTo("model said: echo hello");
            assertThat(text(client, "ask_user")).startsWith("user: ACCEPT {name=");
            // what the user typed into the form the upstream asked for is theirs to give (secrets are still removed)
            assertThat(UPSTREAM_SAW).last().isEqualTo("ACCEPT {name=Ada}");
            assertThat(prompts).containsExactly("sampling: hello", "elicitation: Your name?");
        }
        assertThat(relayed("relay.sampling")).extracting(r -> r.event().outcome()).contains(Outcome.SUCCEEDED);
        AuditRecord elicited = relayed("relay.elicitation").getLast();
        assertThat(elicited.event().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(elicited.event().details()).containsEntry("connector", "up").containsEntry("tool", "up.ask_user");
        assertThat(elicited.event().details().get("policyIds")).asList().containsExactly("up-may-ask-support");
    }

    @Test
    void whatTheAgentsModelAnswersReachesTheUpstreamWithoutSecretsOrPersonalData() {
        try (McpSyncClient client = client("support", true, new CopyOnWriteArrayList<>(),
                "use " + SECRET + " and ask Ada Lovelace")) {
            assertThat(text(client, "ask_model")).startsWith("model said: use ");
            assertThat(UPSTREAM_SAW).last().asString().startsWith("use ").doesNotContain(SECRET)
                    .doesNotContain("Ada Lovelace");
        }
    }

    @Test
    void rootsAndUrlElicitationReachAClientThatDeclaredThem() {
        List<String> asked = new CopyOnWriteArrayList<>();
        McpSyncClient client = fixture.clientSpec("support")
                .capabilities(McpSchema.ClientCapabilities.builder().roots(false).elicitation(true, true).build())
                .roots(new McpSchema.Root("file:///work/project", "project"))
                .elicitation(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null))
                .urlElicitation(request -> {
                    asked.add(request.url());
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, null);
                }).build();
        try (client) {
            client.initialize();
            assertThat(text(client, "ask_roots")).isEqualTo("roots: [file:///work/project]");
            assertThat(text(client, "ask_url")).isEqualTo("url: ACCEPT");
        }
        assertThat(asked).containsExactly("https://docs.example.com/auth");
        assertThat(relayed("relay.roots").getLast().event().outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void urlElicitationIsRefusedToAClientThatDeclaredOnlyForms() {
        try (McpSyncClient client = client("support", true, new CopyOnWriteArrayList<>(), null)) {
            assertThat(text(client, "ask_url")).isEqualTo("refused -32601");
            assertThat(text(client, "ask_roots")).isEqualTo("refused -32601");
        }
    }

    @Test
    void policyThatDoesNotPermitRelayingRefusesAndTheUpstreamGetsAnError() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("caller", true, prompts, null)) {
            assertThat(text(client, "ask_model")).isEqualTo("refused -32600");
            assertThat(text(client, "ask_user")).isEqualTo("refused -32600");
        }
        assertThat(prompts).isEmpty();
        assertThat(relayed("relay.sampling").getLast().event().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(relayed("relay.sampling").getLast().event().reason()).startsWith("denied");
    }

    @Test
    void aClientThatDidNotDeclareTheCapabilityIsNeverAsked() {
        try (McpSyncClient client = client("support", false, new CopyOnWriteArrayList<>(), null)) {
            assertThat(text(client, "ask_model")).isEqualTo("refused -32601");
            assertThat(text(client, "ask_user")).isEqualTo("refused -32601");
        }
        assertThat(relayed("relay.elicitation").getLast().event().reason()).isEqualTo("client lacks the capability");
    }

    @Test
    void aHugeElicitationSchemaIsRefusedWithoutAskingTheUser() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("support", true, prompts, null)) {
            assertThat(text(client, "ask_user_hugely")).isEqualTo("refused -32602");
        }
        assertThat(prompts).isEmpty();
        assertThat(relayed("relay.elicitation").getLast().event().reason()).isEqualTo("too large");
    }

    @Test
    void logMessagesReachTheClientRedactedAndAtItsLevel() throws InterruptedException {
        // The SDK's synchronous client hands notifications to a pool: they may arrive after the result, in any order.
        List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = logging(logs)) {
            assertThat(text(client, "chatty")).isEqualTo("done");
            Eventually.until(() -> logs.size() == 4);
            assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data)
                    .contains("step 1", "step 3", "something broke").noneMatch(d -> d.contains(SECRET))
                    .anyMatch(d -> d.startsWith("step 2 key "));

            client.setLoggingLevel(McpSchema.LoggingLevel.ERROR);
            logs.clear();
            assertThat(text(client, "chatty")).isEqualTo("done");
            Eventually.until(() -> !logs.isEmpty());
            Thread.sleep(300);
            assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data).containsExactly("something broke");
        }
    }

    @Test
    void aFloodOfLogMessagesIsCutAtTheBound() throws InterruptedException {
        List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = logging(logs)) {
            assertThat(text(client, "flood")).isEqualTo("flooded");
            Eventually.until(() -> logs.size() >= 100);
            Thread.sleep(300);
            assertThat(logs).hasSize(100).extracting(McpSchema.LoggingMessageNotification::data)
                    .contains("line 0", "line 99").doesNotContain("line 100");
        }
    }

    private static List<AuditRecord> relayed(String action) {
        return fixture.gateway().auditLog().tail(200).stream().filter(r -> r.event().type() == AuditEventType.RELAY)
                .filter(r -> r.event().action().equals(action)).toList();
    }

    private static SyncToolSpecification tool(String name,
            java.util.function.BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult>
                    handler) {
        return McpTestTools.tool(name, "Relay test tool " + name + ".", "{\"type\":\"object\"}", null, handler);
    }

    private static McpSchema.CallToolResult attempt(Supplier<String> asking) {
        try {
            return McpTestTools.text(asking.get());
        } catch (McpError e) {
            return McpTestTools.text("refused " + e.getJsonRpcError().code());
        }
    }

    private static String text(McpSyncClient client, String tool) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    /** A client of an agent in {@code role}; with {@code capable}, it samples (answering {@code answer}) and elicits. */
    private static McpSyncClient client(String role, boolean capable, List<String> prompts, String answer) {
        McpClient.SyncSpec spec = fixture.clientSpec(role);
        if (capable) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
                    .sampling(request -> {
                        String prompt = ((McpSchema.TextContent) request.messages().getFirst().content()).text();
                        prompts.add("sampling: " + prompt);
                        return new McpSchema.CreateMessageResult(McpSchema.Role.ASSISTANT, new McpSchema.TextContent(
                                answer == null ? "echo " + prompt : answer), "test-model",
                                McpSchema.CreateMessageResult.StopReason.END_TURN);
                    })
                    .elicitation(request -> {
                        prompts.add("elicitation: " + request.message());
                        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada"));
                    });
        }
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    private static McpSyncClient logging(List<McpSchema.LoggingMessageNotification> logs) {
        McpSyncClient client = fixture.clientSpec("support").loggingConsumer(logs::add).build();
        client.initialize();
        return client;
    }
}
