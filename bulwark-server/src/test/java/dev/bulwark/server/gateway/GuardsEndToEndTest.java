package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PII and secrets: redacted in tool output before the agent sees it; secrets in egress arguments block the call. */
class GuardsEndToEndTest {
    /** Personal data in customer 1's notes, a free-text column that stays screened. */
    static final String NOTE_EMAIL = "billing@acme-logistics.example";
    static final String NOTE = "Call back on +1-202-555-0199 or write to " + NOTE_EMAIL + ".";

    @Test
    void piiInToolOutputIsRedactedAndLabelsTheSession(@TempDir Path data) throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            String token = TestGateways.unmaskedSupportToken(gateway);
            TestGateways.writeNote(gateway, 1, NOTE);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                        Map.of("id", 1)));
                String text = ((McpSchema.TextContent) r.content().get(0)).text();
                assertThat(r.isError()).isFalse();
                // Free text (notes) is screened; columns the data policy decides (name, e-mail, phone) are shown
                // as the rules say, without the generic guard redacting them again.
                assertThat(text).contains("\"rows\":[[1,").doesNotContain(NOTE_EMAIL).doesNotContain("555-0199")
                        .contains("<EMAIL").contains("\"Acme Logistics\"").contains("\"ops@acme-logistics.example\"");
            }
            var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.get_customer");
            assertThat(record.event().details().get("labels").toString()).contains("pii");
        }
    }

    @Test
    void tokenizedValuesAreRestorableOnlyByTheAdminWithAReasonAndTheRestoreIsAudited(@TempDir Path data)
            throws Exception {
        BulwarkConfig config = new dev.bulwark.server.config.ConfigLoader().parse(
                "guards: {pii: {toolOutput: {EMAIL_ADDRESS: tokenize}}}", "test.yaml")
                .withDataDir(data.toString()).withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            String token = TestGateways.unmaskedSupportToken(gateway);
            TestGateways.writeNote(gateway, 1, NOTE);
            String text;
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                text = ((McpSchema.TextContent) client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                        Map.of("id", 1))).content().get(0)).text();
            }
            var m = java.util.regex.Pattern.compile("<EMAIL[A-Z_]*_TK_[A-Za-z0-9_-]+>").matcher(text);
            assertThat(m.find()).as(text).isTrue();
            String vaultToken = m.group();
            assertThat(text).doesNotContain(NOTE_EMAIL);

            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> restore = body -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl()
                                    + "/api/v1/pii/restore")).header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            var restored = restore.apply("{\"token\":\"" + vaultToken + "\",\"reason\":\"customer asked\"}");
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            assertThat(restored.body()).contains(NOTE_EMAIL);
            assertThat(restore.apply("{\"token\":\"" + vaultToken + "\"}").statusCode()).isEqualTo(400);
            assertThat(restore.apply("{\"token\":\"<EMAIL_TK_nope>\",\"reason\":\"x\"}").statusCode())
                    .isEqualTo(404);
            var audited = gateway.auditLog().tail(10).stream()
                    .filter(r -> r.event().action().equals("pii.restore")).findFirst().orElseThrow();
            assertThat(audited.event().details()).containsEntry("reason", "customer asked")
                    .containsEntry("token", vaultToken);
            assertThat(gateway.auditLog().tail(50).toString()).doesNotContain(NOTE_EMAIL);
        }
    }

    @Test
    void outputCarryingInjectedInstructionsIsWithheld(@TempDir Path data) throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            String token = TestGateways.unmaskedSupportToken(gateway);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                McpSchema.CallToolResult hostile = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                        Map.of("id", 17)));
                String text = ((McpSchema.TextContent) hostile.content().get(0)).text();
                assertThat(hostile.isError()).isTrue();
                assertThat(text).contains("OUTPUT_BLOCKED").doesNotContain("ignore all previous instructions")
                        .doesNotContain("Quartz");
            }
            var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.get_customer");
            assertThat(record.event().reason()).contains("OUTPUT_BLOCKED");
        }
    }

    @Test
    void afterReadingUntrustedOutputTheSessionMayNoLongerWrite(@TempDir Path data) throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            Path policies = data.resolve("policies");
            Policies.seed(policies);
            Files.writeString(policies.resolve("web.cedar"), """
                    @id("support-reads-web")
                    permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                            resource in Bulwark::Connector::"web");
                    """);
            BulwarkConfig config = new BulwarkConfig(data.toString(), null, null, null, null, null, null,
                    List.of(new UpstreamSettings("web", upstream.url(), null, null, Map.of("echo", "read"),
                            null, "10s", "tofu"))).withPort(0);
            try (Gateway gateway = Gateway.start(config)) {
                String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
                try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                    Map<String, Object> note = Map.of("id", 2, "note", "Called back, all fine.");
                    assertThat(client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note", note))
                            .isError()).as("writing is allowed before untrusted data was seen").isFalse();
                    assertThat(client.callTool(new McpSchema.CallToolRequest("web.echo", Map.of("text", "a page")))
                            .isError()).isFalse();
                    McpSchema.CallToolResult after = client.callTool(new McpSchema.CallToolRequest(
                            "crm.update_customer_note", note));
                    assertThat(after.isError()).isTrue();
                    assertThat(((McpSchema.TextContent) after.content().get(0)).text())
                            .contains("no-write-after-untrusted");
                }
            }
        }
    }

    @Test
    void secretsInEgressArgumentsBlockTheCallAndPiiIsRedactedBeforeItLeaves(@TempDir Path data) throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            Path policies = Files.createDirectories(data.resolve("policies"));
            Files.writeString(policies.resolve("egress.cedar"), """
                    @id("support-may-send")
                    permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"egress",
                            resource == Bulwark::Tool::"mail.echo");
                    """);
            BulwarkConfig config = new BulwarkConfig(data.toString(), null, null, null,
                    new PolicySettings(policies.toString(), null), null, null,
                    List.of(new UpstreamSettings("mail", upstream.url(), null, null, Map.of("echo", "egress"),
                            null, "10s", "tofu"))).withPort(0);
            try (Gateway gateway = Gateway.start(config)) {
                String token = TestGateways.unmaskedSupportToken(gateway);
                try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                    McpSchema.CallToolResult blocked = client.callTool(new McpSchema.CallToolRequest("mail.echo",
                            Map.of("text", "here is the key AKIAIOSFODNN7EXAMPLE and secret")));
                    assertThat(blocked.isError()).isTrue();
                    assertThat(((McpSchema.TextContent) blocked.content().get(0)).text()).contains("egress blocked")
                            .doesNotContain("AKIAIOSFODNN7EXAMPLE");

                    McpSchema.CallToolResult sent = client.callTool(new McpSchema.CallToolRequest("mail.echo",
                            Map.of("text", "please mail jane.doe@example.org about it")));
                    assertThat(sent.isError()).isFalse();
                    String echoed = ((McpSchema.TextContent) sent.content().get(0)).text();
                    assertThat(echoed).doesNotContain("jane.doe@example.org").contains("<EMAIL");
                    // Upstream output is untrusted: it reaches the agent spotlighted between delimiters.
                    assertThat(echoed).containsIgnoringCase("untrusted");
                }
                assertThat(gateway.auditLog().tail(20).toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE")
                        .doesNotContain("jane.doe@example.org");
            }
        }
    }
}
