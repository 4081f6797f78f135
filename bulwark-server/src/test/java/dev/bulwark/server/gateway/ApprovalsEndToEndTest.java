package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.server.config.ApprovalsSettings;
import dev.bulwark.server.config.BulwarkConfig;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval queue through the real server: an admin agent's CRM write is paused by the example permit
 * {@code crm-admin-write} ({@code @approval("manager")}), approvers decide through the API, and the agent's retry
 * runs once.
 */
class ApprovalsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HANDLE = Pattern.compile("approval:([0-9a-f]{32})");
    private static final String SECRET = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

    @TempDir
    Path data;
    Gateway gateway;
    HttpServer webhook;
    final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    String admin;
    String agentKey;

    @BeforeEach
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        gateway = startGateway();
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        agentKey = gateway.identity().agents().register("admin-bot", "olga", Set.of("admin-agent"), Map.of())
                .apiKey().value();
        for (String user : List.of("carol", "dave", "olga")) {
            gateway.identity().users().register(user, Set.of("approver"), Map.of());
        }
    }

    private Gateway startGateway() throws Exception {
        return startGateway("0s");
    }

    private Gateway startGateway(String wait) throws Exception {
        return startGateway(true, wait);
    }

    private Gateway startGateway(boolean enabled, String wait) throws Exception {
        return startGateway(enabled, wait, Map.of());
    }

    private Gateway startGateway(boolean enabled, String wait, Map<String, String> previews) throws Exception {
        BulwarkConfig base = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0);
        return Gateway.start(new BulwarkConfig(base.dataDir(), base.server(), base.database(), base.identity(),
                base.policies(), base.audit(), base.demo(), base.upstreams(), base.documents(), base.guards(),
                base.sql(), new ApprovalsSettings(enabled, null, wait, List.of(),
                        List.of("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"), previews)));
    }

    @Test
    void approversSeeADryRunPreviewAndTheFlowFactsOfAPausedCall() throws Exception {
        gateway.close();
        // the CRM's read of the customer stands in for a dry run of the note change (same arguments)
        gateway = startGateway(true, "0s", Map.of("crm.update_customer_note", "crm.get_customer"));
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "call back tomorrow"));
        }
        JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + id, admin, null).body());
        JsonNode preview = request.path("facts").path("preview");
        assertThat(preview.path("tool").asText()).as(request.toString()).isEqualTo("crm.get_customer");
        assertThat(preview.has("unavailable")).as(preview.toString()).isFalse();
        assertThat(preview.path("text").asText()).isNotBlank();
        assertThat(request.path("facts").path("flow").path("args").has("note")).as(request.toString()).isTrue();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        webhook.stop(0);
    }

    private HttpResponse<String> api(String method, String path, String credential, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + credential);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String approverKey(String user) throws Exception {
        HttpResponse<String> r = api("POST", "/api/v1/approvals/approver-keys/" + user, admin, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("approverKey").asText();
    }

    private McpSchema.CallToolResult writeNote(McpSyncClient client, String note) {
        return client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note",
                Map.of("id", 1, "note", note)));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    private static String pendingId(McpSchema.CallToolResult r) {
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("APPROVAL_REQUIRED").contains("crm-admin-write").contains("same arguments");
        Matcher m = HANDLE.matcher(text(r));
        assertThat(m.find()).as(text(r)).isTrue();
        return m.group(1);
    }

    private McpSyncClient agent() {
        return TestGateways.client(gateway, TestGateways.token(gateway, "admin-bot", agentKey), null);
    }

    @Test
    void anApprovedCallRunsOnceAndAnythingElseNeedsANewApproval() throws Exception {
        String carol = approverKey("carol");
        String dave = approverKey("dave");
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "call back " + SECRET));
            assertThat(pendingId(writeNote(client, "call back " + SECRET))).as("the same call reuses its request")
                    .isEqualTo(id);

            HttpResponse<String> listed = api("GET", "/api/v1/approvals?state=pending", carol, null);
            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode request = JSON.readTree(listed.body()).get(0);
            assertThat(request.get("id").asText()).isEqualTo(id);
            assertThat(request.get("agentId").asText()).isEqualTo("admin-bot");
            assertThat(request.get("policyIds").get(0).asText()).isEqualTo("crm-admin-write");
            assertThat(request.get("reasons").get(0).asText()).isEqualTo("manager");
            assertThat(listed.body()).doesNotContain(SECRET);

            HttpResponse<String> approved = api("POST", "/api/v1/approvals/" + id + "/approve", carol, "{}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(JSON.readTree(approved.body()).get("state").asText()).isEqualTo("approved");
            assertThat(api("POST", "/api/v1/approvals/" + id + "/approve", dave, "{}").statusCode())
                    .as("already decided").isEqualTo(409);

            assertThat(pendingId(writeNote(client, "call back " + SECRET + "!"))).as("an altered call")
                    .isNotEqualTo(id);
            McpSchema.CallToolResult ran = writeNote(client, "call back " + SECRET);
            assertThat(ran.isError()).as(text(ran)).isFalse();
        }
        // the replay comes from a fresh MCP session: in the session that ran the call, the CRM's (untrusted) echo of
        // the note makes flow control hold the same note for approval again (its values are untrusted there)
        try (McpSyncClient client = agent()) {
            String replay = pendingId(writeNote(client, "call back " + SECRET));
            assertThat(replay).as("a replay needs a new approval").isNotEqualTo(id);
            assertThat(JSON.readTree(api("GET", "/api/v1/approvals/" + id, admin, null).body()).get("state")
                    .asText()).isEqualTo("consumed");
        }
        assertThat(webhookBodies).isNotEmpty();
        JsonNode message = JSON.readTree(webhookBodies.get(0));
        assertThat(message.get("text").asText()).contains("crm.update_customer_note").contains("admin-bot");
        assertThat(message.get("blocks").isArray()).isTrue();
        assertThat(webhookBodies).allSatisfy(b -> assertThat(b).doesNotContain(SECRET));
    }

    @Test
    void onlyHumanApproversOtherThanTheAgentsOwnerMayApprove() throws Exception {
        String olga = approverKey("olga");
        String agentToken = TestGateways.token(gateway, "admin-bot", agentKey);
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "hello"));
        }
        String path = "/api/v1/approvals/" + id + "/approve";
        assertThat(api("POST", path, agentToken, "{}").statusCode()).as("an agent token").isEqualTo(401);
        assertThat(api("POST", path, agentKey, "{}").statusCode()).as("an agent key").isEqualTo(401);
        assertThat(api("POST", path, admin, "{}").statusCode()).as("the admin token").isEqualTo(403);
        assertThat(api("POST", path, olga, "{}").statusCode()).as("the agent's owner").isEqualTo(403);
        HttpResponse<String> userToken = api("POST", "/api/v1/users/carol/token", admin, "{\"ttlSeconds\":600}");
        assertThat(api("POST", path, JSON.readTree(userToken.body()).get("token").asText(), "{}").statusCode())
                .as("a delegation user token").isEqualTo(401);
        assertThat(api("POST", "/api/v1/approvals/approver-keys/alice", admin, null).statusCode())
                .as("a key for a user without the approver role").isEqualTo(400);
        assertThat(api("POST", path, approverKey("carol"), "{\"comment\":\"x\"}").statusCode())
                .as("unknown fields are refused").isEqualTo(400);
        assertThat(JSON.readTree(api("GET", "/api/v1/approvals/" + id, admin, null).body()).get("state").asText())
                .isEqualTo("pending");
    }

    @Test
    void aDeniedCallStaysDeniedAndTheAdminMayDeny() throws Exception {
        String carol = approverKey("carol");
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "deny me"));
        }
        assertThat(api("POST", "/api/v1/approvals/" + id + "/deny", admin, "{}").statusCode())
                .as("a deny needs a reason").isEqualTo(400);
        HttpResponse<String> denied = api("POST", "/api/v1/approvals/" + id + "/deny", admin,
                "{\"reason\":\"not during the freeze\"}");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
        assertThat(JSON.readTree(denied.body()).get("deniedBy").asText()).isEqualTo("admin");
        assertThat(api("POST", "/api/v1/approvals/" + id + "/approve", carol, "{}").statusCode()).isEqualTo(409);
        try (McpSyncClient client = agent()) {
            assertThat(pendingId(writeNote(client, "deny me"))).isNotEqualTo(id);
        }
        assertThat(gateway.auditLog().tail(50)).anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("approval.deny");
            assertThat(r.event().details()).containsEntry("reason", "not during the freeze");
        });
    }

    @Test
    void pendingApprovalsSurviveARestartAndTheApprovalIsUsedOnce() throws Exception {
        String id;
        try (McpSyncClient before = agent()) {
            id = pendingId(writeNote(before, "after restart"));
        }
        gateway.close();
        gateway = startGateway();
        String carol = approverKey("carol");
        assertThat(api("GET", "/api/v1/approvals", carol, null).body()).contains(id);
        assertThat(api("POST", "/api/v1/approvals/" + id + "/approve", carol, "{}").statusCode()).isEqualTo(200);
        try (McpSyncClient after = agent()) {
            McpSchema.CallToolResult ran = writeNote(after, "after restart");
            assertThat(ran.isError()).as(text(ran)).isFalse();
        }
        try (McpSyncClient again = agent()) {
            assertThat(pendingId(writeNote(again, "after restart"))).isNotEqualTo(id);
        }
    }

    @Test
    void theUserAnAgentActsForCannotApproveTheDelegatedCall() throws Exception {
        gateway.identity().users().register("erin", Set.of("approver", "admin-agent"), Map.of());
        String erin = approverKey("erin");
        HttpResponse<String> minted = api("POST", "/api/v1/users/erin/token", admin,
                "{\"ttlSeconds\":600,\"mayAct\":\"admin-bot\"}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        String form = "grant_type=" + java.net.URLEncoder.encode(
                "urn:ietf:params:oauth:grant-type:token-exchange", StandardCharsets.UTF_8)
                + "&subject_token=" + JSON.readTree(minted.body()).get("token").asText()
                + "&subject_token_type=" + java.net.URLEncoder.encode(
                "urn:ietf:params:oauth:token-type:access_token", StandardCharsets.UTF_8);
        HttpResponse<String> exchanged = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin-bot:" + agentKey).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        String delegated = JSON.readTree(exchanged.body()).get("access_token").asText();
        try (McpSyncClient client = TestGateways.client(gateway, delegated, null)) {
            String id = pendingId(writeNote(client, "for erin"));
            JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + id, erin, null).body());
            assertThat(request.get("userId").asText()).isEqualTo("erin");
            HttpResponse<String> own = api("POST", "/api/v1/approvals/" + id + "/approve", erin, "{}");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
            assertThat(api("POST", "/api/v1/approvals/" + id + "/approve", approverKey("carol"), "{}").statusCode())
                    .isEqualTo(200);
            McpSchema.CallToolResult ran = writeNote(client, "for erin");
            assertThat(ran.isError()).as(text(ran)).isFalse();
        }
    }

    @Test
    void aPausedCallWaitsWithProgressNotificationsAndRunsWhenApprovedMeanwhile() throws Exception {
        gateway.close();
        gateway = startGateway("20s");
        String carol = approverKey("carol");
        Thread approver = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline) {
                    JsonNode pending = JSON.readTree(api("GET", "/api/v1/approvals?state=pending", carol, null).body());
                    if (!pending.isEmpty()) {
                        Thread.sleep(700);
                        api("POST", "/api/v1/approvals/" + pending.get(0).get("id").asText() + "/approve", carol, "{}");
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        approver.start();
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(
                        io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport
                                .builder(gateway.localUrl()).endpoint("/mcp")
                                .jsonMapper(new io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper(
                                        new ObjectMapper()))
                                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer "
                                        + TestGateways.token(gateway, "admin-bot", agentKey)))
                                .build())
                .requestTimeout(Duration.ofSeconds(30)).progressConsumer(progress::add).build();
        try (client) {
            client.initialize();
            McpSchema.CallToolResult ran = client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note",
                    Map.of("id", 1, "note", "held open"), Map.of("progressToken", "p-approval")));
            approver.join();
            assertThat(ran.isError()).as(text(ran)).isFalse();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (progress.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(progress).isNotEmpty().allSatisfy(p -> {
                assertThat(p.progressToken()).isEqualTo("p-approval");
                assertThat(p.message()).contains("waiting for human approval of approval:");
            });
        }
    }

    /**
     * Red team: a call held open for approval was authenticated before it waited; suspending the agent (or pulling
     * the kill switch) meanwhile did not stop it, so an approver's later "yes" ran the suspended agent's call. The
     * held call now checks its credential again when the approval arrives, refuses, and leaves the approval unused.
     */
    @Test
    void aCallHeldOpenForApprovalDoesNotRunWhenItsAgentIsSuspendedMeanwhile() throws Exception {
        gateway.close();
        gateway = startGateway("20s");
        String carol = approverKey("carol");
        java.util.concurrent.atomic.AtomicReference<String> approvalId = new java.util.concurrent.atomic
                .AtomicReference<>();
        Thread killThenApprove = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline) {
                    JsonNode pending = JSON.readTree(api("GET", "/api/v1/approvals?state=pending", carol, null).body());
                    if (!pending.isEmpty()) {
                        approvalId.set(pending.get(0).get("id").asText());
                        // suspended in the database, not through the admin API (which now also withdraws the
                        // agent's approvals): the held call must still check its credential when approved
                        assertThat(gateway.identity().agents().suspend("admin-bot")).isPresent();
                        api("POST", "/api/v1/approvals/" + approvalId.get() + "/approve", carol, "{}");
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killThenApprove.start();
        try (McpSyncClient client = agent()) {
            McpSchema.CallToolResult held = writeNote(client, "written after the suspension");
            killThenApprove.join();
            assertThat(held.isError()).as(text(held)).isTrue();
            assertThat(text(held)).startsWith("DENIED").contains("credential stopped working").contains("suspended");
        }
        JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + approvalId.get(), admin, null).body());
        assertThat(request.path("state").asText()).as(request.toString()).isEqualTo("approved");
        assertThat(gateway.auditLog().tail(50)).noneMatch(r -> r.event().action().equals("approval.use"));
    }

    /**
     * Red team: the kill switch revoked the agent's tokens but left its approvals standing, so once the agent was
     * re-activated, a call approved (or still pending and approved later) for the killed agent ran. Killing now
     * withdraws them.
     */
    @Test
    void killingAnAgentWithdrawsItsPendingAndUnusedApprovals() throws Exception {
        String carol = approverKey("carol");
        String approved;
        String pending;
        try (McpSyncClient client = agent()) {
            approved = pendingId(writeNote(client, "approved before the kill"));
            pending = pendingId(writeNote(client, "pending at the kill"));
        }
        assertThat(api("POST", "/api/v1/approvals/" + approved + "/approve", carol, "{}").statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/agents/admin-bot/kill", admin, null).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/approvals/" + pending + "/approve", carol, "{}").statusCode())
                .as("a withdrawn request cannot be approved").isEqualTo(409);
        Thread.sleep(1100); // tokens issued in the second of the kill count as issued before it (iat has seconds)
        assertThat(api("POST", "/api/v1/agents/admin-bot/activate", admin, null).statusCode()).isEqualTo(200);
        agentKey = JSON.readTree(api("POST", "/api/v1/agents/admin-bot/rotate-key", admin, null).body())
                .path("apiKey").asText();
        try (McpSyncClient client = agent()) {
            assertThat(pendingId(writeNote(client, "approved before the kill"))).as("needs a new approval")
                    .isNotEqualTo(approved);
        }
        for (String id : List.of(approved, pending)) {
            JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + id, admin, null).body());
            assertThat(request.path("state").asText()).as(request.toString()).isEqualTo("denied");
            assertThat(request.path("deniedBy").asText()).isEqualTo("kill switch");
        }
        assertThat(gateway.auditLog().tail(50)).anySatisfy(r -> assertThat(r.event().action())
                .isEqualTo("approval.withdraw"));
    }

    /**
     * Red team round 2: a suspension, like the kill switch, withdraws the agent's pending and unused approvals, so
     * nothing approved while the agent was trusted runs after it is re-activated (approvers decide again).
     */
    @Test
    void suspendingAnAgentWithdrawsItsPendingAndUnusedApprovals() throws Exception {
        String dave = approverKey("dave");
        String approved;
        String pending;
        try (McpSyncClient client = agent()) {
            approved = pendingId(writeNote(client, "approved before the suspension"));
            pending = pendingId(writeNote(client, "pending at the suspension"));
        }
        assertThat(api("POST", "/api/v1/approvals/" + approved + "/approve", dave, "{}").statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/agents/admin-bot/suspend", admin, null).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/approvals/" + pending + "/approve", dave, "{}").statusCode())
                .as("a withdrawn request cannot be approved").isEqualTo(409);
        assertThat(api("POST", "/api/v1/agents/admin-bot/activate", admin, null).statusCode()).isEqualTo(200);
        try (McpSyncClient client = agent()) {
            assertThat(pendingId(writeNote(client, "approved before the suspension"))).as("needs a new approval")
                    .isNotEqualTo(approved);
        }
        for (String id : List.of(approved, pending)) {
            JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + id, admin, null).body());
            assertThat(request.path("state").asText()).as(request.toString()).isEqualTo("denied");
            assertThat(request.path("deniedBy").asText()).isEqualTo("agent suspended");
        }
    }

    /**
     * Red team: a user registered as {@code admin} could hold an approver key, and their denials were recorded as
     * {@code deniedBy: admin}, exactly like the admin token's. Such a user is no approver.
     */
    @Test
    void aUserNamedAdminIsNoApproverSoDecisionsNeverBlurWithTheAdminToken() throws Exception {
        gateway.identity().users().register("admin", Set.of("approver"), Map.of());
        HttpResponse<String> issued = api("POST", "/api/v1/approvals/approver-keys/admin", admin, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(400);
        assertThat(issued.body()).contains("names the admin token");
        String planted = new dev.bulwark.approvals.SqlApproverKeys(gateway.database(), java.time.Clock.systemUTC())
                .issue("admin");
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "deny me"));
        }
        assertThat(api("GET", "/api/v1/approvals", planted, null).statusCode()).isEqualTo(401);
        assertThat(api("POST", "/api/v1/approvals/" + id + "/deny", planted, "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(401);
    }

    /**
     * Red team: arguments shown to approvers carried invisible characters as they were, so a right-to-left override
     * or a zero-width space made an approver read another value than the one approved. They are now shown as
     * visible marks; the call is still bound to (and runs with) its real arguments.
     */
    @Test
    void approversSeeInvisibleAndDirectionCharactersAsVisibleMarks() throws Exception {
        String carol = approverKey("carol");
        String hidden = "refund to \u202Enaes\u202C acct 12\u200B34\u2066x\u2069\uDB40\uDC41";
        try (McpSyncClient client = agent()) {
            String id = pendingId(writeNote(client, hidden));
            JsonNode request = JSON.readTree(api("GET", "/api/v1/approvals/" + id, carol, null).body());
            String shown = request.path("arguments").path("note").asText();
            assertThat(shown).isEqualTo("refund to [U+202E]naes[U+202C] acct 12[U+200B]34[U+2066]x[U+2069]"
                    + "[U+E0041]");
            assertThat(api("POST", "/api/v1/approvals/" + id + "/approve", carol, "{}").statusCode()).isEqualTo(200);
            McpSchema.CallToolResult ran = writeNote(client, hidden);
            assertThat(ran.isError()).as(text(ran)).isFalse();
        }
    }

    @Test
    void withApprovalsDisabledSuchCallsAreRefused() throws Exception {
        gateway.close();
        gateway = startGateway(false, "0s");
        try (McpSyncClient client = agent()) {
            McpSchema.CallToolResult refused = writeNote(client, "no queue");
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).startsWith("APPROVAL_REQUIRED").contains("no approval queue is configured");
        }
        assertThat(gateway.approvals().desk().list(java.util.Optional.empty(), 10)).isEmpty();
    }

    private static dev.bulwark.server.cli.CliRun cli(List<String> args) {
        return dev.bulwark.server.cli.CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theCliIssuesKeysListsAndApprovesThroughTheGateway() throws Exception {
        String id;
        try (McpSyncClient client = agent()) {
            id = pendingId(writeNote(client, "via the cli"));
        }
        var issued = cli(List.of("approvals", "issue-key", "dave", "--data", data.toString()));
        assertThat(issued.exit()).as(issued.err()).isZero();
        String dave = issued.out().trim();
        assertThat(dave).startsWith("bwa_dave_");
        assertThat(cli(List.of("approvals", "issue-key", "alice", "--data", data.toString())).exit())
                .as("alice is no approver").isEqualTo(1);

        String url = gateway.baseUrl();
        var listed = cli(List.of("approvals", "list", "--url", url, "--key", dave, "--data", data.toString()));
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(id);
        assertThat(cli(List.of("approvals", "approve", "approval:" + id, "--url", url, "--key", "bwa_dave_forged",
                "--data", data.toString())).exit()).as("a forged key").isEqualTo(1);
        var approved = cli(List.of("approvals", "approve", "approval:" + id, "--url", url, "--key", dave,
                "--data", data.toString()));
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("\"state\":\"approved\"");
        try (McpSyncClient client = agent()) {
            assertThat(writeNote(client, "via the cli").isError()).isFalse();
        }
    }
}
