package dev.bulwark.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.IdentitySettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.gateway.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.bulwark.server.config.FederationSettings;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript MCP SDK client logs a person in by authorization code + PKCE: it discovers the
 * authorization server from the 401, registers itself, a scripted browser logs in and consents, the SDK redeems the
 * code and the client calls a tool as the user through the registered agent; then it rotates its refresh token. The
 * same with a user who logs in at an external OpenID provider (mock-oauth2-server, in this JVM).
 */
class TypeScriptSdkLoginTest {
    private static final Path NODE_PROJECT = Path.of("src/test/node");

    @TempDir
    static Path work;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(works("node", "--version") && works("npm", "--version"),
                "Node.js and npm are needed for the TypeScript interoperability test");
        for (String f : List.of("package.json", "package-lock.json", "oauth-login-client.mjs")) {
            Files.copy(NODE_PROJECT.resolve(f), work.resolve(f));
        }
        String[] install = run(work, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install[0]).as("npm ci: " + install[1]).isEqualTo("0");
    }

    @Test
    void typescriptClientLogsAUserInWithCodeAndPkceAndCallsATool(@TempDir Path data) throws Exception {
        loginAndCall(data, null, "alice");
    }

    @Test
    void typescriptClientLogsAFederatedUserInAndCallsATool(@TempDir Path data) throws Exception {
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start(0);
        try {
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "00u-alice"));
            loginAndCall(data, new FederationSettings(idp.issuerUrl("corp").toString(), "bulwark", "s3cret",
                    "Corp SSO", Map.of("00u-alice", "alice"), false, List.of()), "federated");
        } finally {
            idp.shutdown();
        }
    }

    private static void loginAndCall(Path data, FederationSettings federation, String user) throws Exception {
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withIdentity(new IdentitySettings(null, null, null, null,
                        new OAuthSettings(true, "support-bot", null, null, federation)));
        try (Gateway gateway = Gateway.start(config)) {
            gateway.identity().passwords().set("alice", "alice's long password");
            String[] client = run(work, 120, "node", "oauth-login-client.mjs", gateway.mcpUrl(),
                    "http://127.0.0.1:43119/callback", user, "alice's long password", "crm.get_customer",
                    "{\"id\":3}");
            String lastLine = client[1].strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(client[0]).as(client[1]).isEqualTo("0");
            JsonNode report = LoginSteps.JSON.readTree(lastLine);
            assertThat(report.get("ok").asBoolean()).isTrue();
            assertThat(report.get("authorizationUrl").asText()).contains("code_challenge_method=S256",
                    "resource=");
            assertThat(report.get("registeredClientId").asText()).startsWith("bwc_");
            assertThat(report.get("consentNamesClient").asBoolean()).isTrue();
            assertThat(report.get("refreshTokenIssued").asBoolean()).isTrue();
            assertThat(report.at("/result/isError").asBoolean()).isFalse();
            assertThat(report.at("/result/content/0/text").asText()).contains("\"rows\":[[3,");
            assertThat(report.get("rotated").asBoolean()).isTrue();
            assertThat(gateway.auditLog().tail(100)).anySatisfy(r -> {
                assertThat(r.event().action()).isEqualTo("oauth.consent");
                assertThat(r.event().userId()).isEqualTo("alice");
                assertThat(r.event().agentId()).isEqualTo("support-bot");
            });
        }
    }

    private static String[] run(Path dir, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new String[] {"-1", "timed out: " + new String(out, StandardCharsets.UTF_8)};
        }
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
