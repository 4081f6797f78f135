package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.UpstreamSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoded secrets in a call's arguments and in the tool's output (an upstream echo returns its argument): neither the
 * audit record nor what the agent sees holds the secret, its encoded form, or any long piece of either.
 */
class EncodedSecretsEndToEndTest {

    @Test
    void base64PemKeyAndAwsKeyPairReachNeitherTheAuditRecordNorTheAgent(@TempDir Path data) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String keyId = "AKIAZ7Q3LRX5MK2PWN4T";
        String secret = "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";
        String pair = "aws_access_key_id=" + keyId + "\naws_secret_access_key=" + secret + "\n";
        String encodedPem = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
        String encodedPair = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        String hexPair = HexFormat.of().formatHex(pair.getBytes(StandardCharsets.UTF_8));
        String argument = "backup of the deploy key: " + encodedPem + " and the credentials " + encodedPair
                + " (hex copy " + hexPair + ")";

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
                String seen;
                try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("web.echo",
                            Map.of("text", argument)));
                    assertThat(r.isError()).isFalse();
                    seen = ((McpSchema.TextContent) r.content().get(0)).text();
                }
                String audited = GatewayEndToEndTestSupport.lastToolCall(gateway, "web.echo").toString();
                // The call went through and was recorded with the harmless words around the secrets.
                assertThat(seen).contains("backup of the deploy key");
                assertThat(audited).contains("backup of the deploy key");
                for (String text : List.of(seen, audited, gateway.auditLog().tail(50).toString())) {
                    for (String forbidden : pieces(pem, pair, encodedPem, encodedPair, hexPair, keyId, secret)) {
                        assertThat(text).doesNotContain(forbidden);
                    }
                }
            }
        }
    }

    /** Each value, and every 24-character piece of it, so neither a whole nor a kept prefix may leak. */
    private static List<String> pieces(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v);
            for (String line : v.split("\n")) {
                for (int i = 0; i + 24 <= line.length(); i += 12) {
                    String piece = line.substring(i, i + 24);
                    if (!piece.startsWith("-----") && !piece.contains("PRIVATE KEY") && !piece.contains("aws_")) {
                        out.add(piece);
                    }
                }
            }
        }
        return out;
    }
}
