package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokenized values outlive the gateway that issued them: the vault is in the gateway's database, so a restart or
 * another replica on the same database restores them; the in-memory store is one process's only.
 */
class TokenVaultEndToEndTest {
    private static final String EMAIL = GuardsEndToEndTest.NOTE_EMAIL;
    private static final Pattern TOKEN = Pattern.compile("<EMAIL[A-Z_]*_TK_[0-9a-f]{16}>");
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Test
    void aTokenIssuedBeforeARestartIsRestoredAfterIt(@TempDir Path data) throws Exception {
        BulwarkConfig config = config("", data);
        String token;
        try (Gateway gateway = Gateway.start(config)) {
            token = tokenizeCustomerEmail(gateway);
        }
        try (Gateway restarted = Gateway.start(config)) {
            HttpResponse<String> restored = restore(restarted, adminToken(data), token);
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            assertThat(restored.body()).contains(EMAIL);
        }
    }

    @Test
    void theMemoryStoreForgetsTokensOnRestart(@TempDir Path data) throws Exception {
        BulwarkConfig config = config("vault: {store: memory}, ", data);
        String token;
        try (Gateway gateway = Gateway.start(config)) {
            token = tokenizeCustomerEmail(gateway);
            assertThat(restore(gateway, adminToken(data), token).statusCode()).isEqualTo(200);
        }
        try (Gateway restarted = Gateway.start(config)) {
            assertThat(restore(restarted, adminToken(data), token).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTokenIssuedByOneReplicaIsRestoredByAnotherOnTheSamePostgres(@TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        String database = "database: {url: '" + postgres.freshDatabaseUrl("vault") + "'}\n";
        BulwarkConfig a = config(database, "", dataA);
        BulwarkConfig b = config(database, "", dataB);
        try (Gateway first = Gateway.start(a)) {
            PostgresGatewayTest.shareKeys(dataA, dataB);
            try (Gateway second = Gateway.start(b)) {
                String token = tokenizeCustomerEmail(first);
                HttpResponse<String> restored = restore(second, adminToken(dataB), token);
                assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
                assertThat(restored.body()).contains(EMAIL);
                assertThat(restore(second, adminToken(dataB), "<EMAIL_TK_0000000000000000>").statusCode())
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void aReplicaWithAnotherVaultKeyRefusesToStart(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        String database = "database: {url: '" + postgres.freshDatabaseUrl("vault") + "'}\n";
        try (Gateway first = Gateway.start(config(database, "", dataA))) {
            PostgresGatewayTest.shareKeys(dataA, dataB);
            Files.delete(dataB.resolve("keys/pii.key"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gateway.start(config(database, "", dataB)))
                    .hasMessageContaining("pii.key").hasMessageContaining("another master key");
        }
    }

    private static BulwarkConfig config(String vault, Path data) {
        return config("", vault, data);
    }

    private static BulwarkConfig config(String top, String vault, Path data) {
        return new ConfigLoader().parse(top + "guards: {pii: {" + vault + "toolOutput: {EMAIL_ADDRESS: tokenize}}}",
                "test.yaml").withDataDir(data.toString()).withPort(0);
    }

    /** An agent reads customer 1; the e-mail address in its notes reaches the agent as a vault token only. */
    private static String tokenizeCustomerEmail(Gateway gateway) {
        String bearer = TestGateways.unmaskedSupportToken(gateway);
        TestGateways.writeNote(gateway, 1, GuardsEndToEndTest.NOTE);
        try (McpSyncClient client = TestGateways.client(gateway, bearer, null)) {
            String text = ((McpSchema.TextContent) client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 1))).content().get(0)).text();
            assertThat(text).doesNotContain(EMAIL);
            Matcher m = TOKEN.matcher(text);
            assertThat(m.find()).as(text).isTrue();
            return m.group();
        }
    }

    private static String adminToken(Path data) throws Exception {
        return Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
    }

    private static HttpResponse<String> restore(Gateway gateway, String admin, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.localUrl()
                        + "/api/v1/pii/restore")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + token + "\",\"reason\":\"customer asked\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
