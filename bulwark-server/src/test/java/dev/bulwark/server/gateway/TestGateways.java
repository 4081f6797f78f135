package dev.bulwark.server.gateway;

import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.server.config.BulwarkConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers for tests that run a real gateway on a random loopback port. */
public final class TestGateways {
    private TestGateways() {}

    public static Gateway start(Path dataDir) throws Exception {
        return Gateway.start(BulwarkConfig.defaults().withDataDir(dataDir.toString()).withPort(0));
    }

    /** A token for a demo agent, obtained through the token endpoint's logic with the agent's key. */
    /**
     * A token of an agent with the {@code support} role (so the demo policies permit the CRM tools) that the demo's
     * row security shows every customer unmasked ({@code admin-agent}): for tests of what the guards do to raw PII.
     */
    public static String unmaskedSupportToken(Gateway gateway) {
        var agents = gateway.identity().agents();
        String id = "support-unmasked-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var registration = agents.register(id, "tests@example.com", java.util.Set.of("support", "admin-agent"),
                java.util.Map.of("regions", "EMEA,NA,APAC,LATAM"));
        return token(gateway, id, registration.apiKey().value());
    }

    /**
     * Writes a customer's notes straight into the demo CRM database (as data that arrived there by other means), so a
     * test can put personal data in the free-text column the guards still screen.
     */
    public static void writeNote(Gateway gateway, long customerId, String note) {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + gateway.config().dataPath().resolve("crm.db"));
             var update = connection.prepareStatement("UPDATE customers SET notes = ? WHERE id = ?")) {
            update.setString(1, note);
            update.setLong(2, customerId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no customer " + customerId);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(Gateway gateway, String agentId, String apiKey) {
        TokenResponse r = gateway.identity().tokens().handle(TokenRequest.of(Map.of("grant_type",
                "client_credentials", "client_id", agentId, "client_secret", apiKey), Optional.empty()));
        if (r instanceof TokenResponse.Issued issued) {
            return issued.accessToken();
        }
        throw new AssertionError("no token: " + r.toJson());
    }

    /** An initialized SDK client that sends the given bearer token. */
    public static McpSyncClient client(Gateway gateway, String token, List<String> protocolVersions) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder(gateway.localUrl())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
        if (protocolVersions != null) {
            transport.supportedProtocolVersions(protocolVersions);
        }
        McpSyncClient client = McpClient.sync(transport.build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }
}
