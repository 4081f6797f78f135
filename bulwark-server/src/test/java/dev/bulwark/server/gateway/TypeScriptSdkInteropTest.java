package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the official TypeScript MCP SDK: the Node client starts with only the URL, the agent id
 * and its API key, discovers the token endpoint from the 401 (RFC 9728, RFC 8414), obtains a token with
 * client_credentials, lists tools and calls an allowed and a denied tool.
 */
class TypeScriptSdkInteropTest {
    private static final Path NODE_PROJECT = Path.of("src/test/node");

    @Test
    void typescriptClientAuthenticatesListsAndCallsThroughTheGateway(@TempDir Path data, @TempDir Path work)
            throws Exception {
        assumeTrue(commandWorks("node", "--version") && commandWorks("npm", "--version"),
                "Node.js and npm are needed for the TypeScript interoperability test");
        for (String f : List.of("package.json", "package-lock.json", "interop-client.mjs")) {
            Files.copy(NODE_PROJECT.resolve(f), work.resolve(f));
        }
        Result install = run(work, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exit).as("npm ci: " + install.output).isZero();

        try (Gateway gateway = TestGateways.start(data)) {
            Result client = run(work, 120, "node", "interop-client.mjs", gateway.mcpUrl(), "support-bot",
                    gateway.demoCredentials().supportBotKey(), gateway.baseUrl(),
                    "crm.get_customer", "{\"id\":3}", "crm.delete_customer", "{\"id\":3}");
            String lastLine = client.output.strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(client.exit).as(client.output).isZero();
            JsonNode report = new ObjectMapper().readTree(lastLine);
            assertThat(report.get("ok").asBoolean()).isTrue();
            assertThat(report.get("serverVersion").get("name").asText()).isEqualTo("bulwark");
            assertThat(report.get("tools")).extracting(JsonNode::asText)
                    .containsExactly("crm.find_customers", "crm.get_customer", "crm.update_customer_note", "docs.search",
                            "sales.query", "sales.read_customers");
            assertThat(report.at("/allowed/isError").asBoolean()).isFalse();
            assertThat(report.at("/allowed/content/0/text").asText()).contains("\"rows\":[[3,");
            assertThat(report.at("/denied/isError").asBoolean()).isTrue();
            assertThat(report.at("/denied/content/0/text").asText()).contains("crm-no-delete");
            assertThat(report.at("/unknown/code").asInt()).isEqualTo(-32602);
            assertThat(report.get("tokenType").asText()).isEqualToIgnoringCase("bearer");
            assertThat(gateway.auditLog().tail(30)).anySatisfy(r ->
                    assertThat(r.event().action()).isEqualTo("token.issue"));
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
