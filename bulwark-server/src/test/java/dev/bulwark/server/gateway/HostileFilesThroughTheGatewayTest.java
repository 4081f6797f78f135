package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.server.config.BulwarkConfig;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files tool through the whole gateway, over MCP, against a root prepared by a hostile local writer: a FIFO,
 * symlinks to the gateway's data directory and to {@code /proc/1/environ}, {@code ..} spelt so that it appears only
 * after Unicode normalisation, an over-long name and an over-deep path, a name differing in case. Policy permits
 * every read of the root, so each refusal is the connector's. The preemptive timeout only ends a hang.
 */
class HostileFilesThroughTheGatewayTest {
    @Test
    void hostileEntriesInARootAreRefusedPromptlyAndTheGatewayGoesOnServing(@TempDir Path data) throws Exception {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("files.cedarschema"), """
                namespace Bulwark { type Arguments = { root?: String }; }
                """);
        Files.writeString(policies.resolve("files.cedar"), """
                @id("support-reads-files")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                        resource in Bulwark::Connector::"fs")
                when { context.arguments has root && context.arguments.root == "shared" };
                """);
        Path shared = Files.createDirectories(data.resolve("shared"));
        Files.createDirectories(shared.resolve("sub"));
        Files.writeString(shared.resolve("sub/notes.txt"), "plain notes");
        Process mkfifo = new ProcessBuilder("mkfifo", shared.resolve("sub/pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createSymbolicLink(shared.resolve("db-link"), data);
        Files.createSymbolicLink(shared.resolve("environ"), Path.of("/proc/1/environ"));
        BulwarkConfig config = new dev.bulwark.server.config.ConfigLoader().parse("""
                dataDir: %s
                policies: {dir: %s}
                files:
                  enabled: true
                  roots: [{name: shared, path: %s}]
                """.formatted(data, policies, shared), "test.yaml").withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            String token = TestGateways.unmaskedSupportToken(gateway);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                Map<String, String> refusals = new java.util.LinkedHashMap<>();
                refusals.put("sub/pipe", "not a regular file");
                refusals.put("db-link/bulwark.db", "symlinks are not followed");
                refusals.put("environ", "symlinks are not followed");
                refusals.put("sub/\uFF0E\uFF0E/db-link", "NFKC");
                refusals.put("sub/\u2025/x", "NFKC");
                refusals.put("sub/\u2024\u2024/x", "NFKC");
                refusals.put("sub/" + "n".repeat(300), "longer than 255 bytes");
                refusals.put("a/".repeat(40) + "x", "deeper than");
                refusals.put("SUB/notes.txt", "no such directory");
                refusals.put("sub/notes.txt\u0000", "");
                for (Map.Entry<String, String> attack : refusals.entrySet()) {
                    String text = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                            read(client, attack.getKey()));
                    assertThat(text).as(attack.getKey()).contains("refused").contains(attack.getValue())
                            .doesNotContain("SQLite");
                }
                assertThat(read(client, "sub/notes.txt")).contains("plain notes");
                String listing = call(client, "fs.list", Map.of("root", "shared", "path", "sub"));
                assertThat(listing).contains("\"pipe\"").contains("\"other\"");
            }
        }
    }

    private static String read(McpSyncClient client, String path) {
        return call(client, "fs.read", Map.of("root", "shared", "path", path));
    }

    private static String call(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        return result.content().isEmpty() ? "" : ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
