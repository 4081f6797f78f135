package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential header is taken exactly as sent, also right after a request on the same connection. */
class HeaderCaseTest {
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
    @TempDir
    static Path data;
    static Gateway gateway;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** The token with the case of every letter in its signature flipped: the same letters, not the same token. */
    private static String caseFlipped(String jwt) {
        int signature = jwt.lastIndexOf('.') + 1;
        StringBuilder flipped = new StringBuilder(jwt.substring(0, signature));
        for (char c : jwt.substring(signature).toCharArray()) {
            flipped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return flipped.toString();
    }

    private static int initialize(HttpClient client, String bearer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(INIT)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aTokenDifferingOnlyInLetterCaseIsRefusedOnTheSameConnection() throws Exception {
        String flipped = caseFlipped(token);
        assertThat(flipped).isNotEqualTo(token).isEqualToIgnoringCase(token);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int round = 0; round < 5; round++) {
                assertThat(initialize(client, token)).as("round %d, the real token", round).isEqualTo(200);
                assertThat(initialize(client, flipped)).as("round %d, case flipped", round).isEqualTo(401);
            }
        }
    }

    @Test
    void namesNoServerVersion() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/.well-known/oauth-protected-resource")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.headers().firstValue("Server").orElse("")).doesNotContainIgnoringCase("jetty");
        }
    }
}
