package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw HTTP against a running loopback gateway: requests addressed to a foreign host (DNS rebinding) and valid but
 * unusual MCP messages (notifications, responses, slow bodies), each answered as the Streamable HTTP spec says.
 */
class GateEdgeRawTest {
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{"roots":{"listChanged":true}},"clientInfo":{"name":"t","version":"1"}}}""";
    @TempDir
    static java.nio.file.Path data;
    static Gateway gateway;
    static String token;
    static String host;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
        URI base = URI.create(gateway.baseUrl());
        host = base.getHost() + ":" + base.getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, String> mcpHeaders(String session) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("Authorization", "Bearer " + token);
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return headers;
    }

    private static String session() throws Exception {
        RawHttp.Answer init = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(null), INIT);
        assertThat(init.status()).isEqualTo(200);
        String session = init.header("Mcp-Session-Id");
        RawHttp.Answer initialized = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(initialized.status()).isEqualTo(202);
        return session;
    }

    private static AuditRecord last() {
        return gateway.auditLog().tail(1).get(0);
    }

    @Test
    void aForeignHostIsRefusedBeforeAuthentication() throws Exception {
        for (String path : new String[] {"/mcp", "/api/v1/agents", "/oauth/token"}) {
            RawHttp.Answer answer = RawHttp.post(gateway.baseUrl(), path, "evil.example", mcpHeaders(null), INIT);
            assertThat(answer.status()).as(path).isEqualTo(421);
            assertThat(answer.header("WWW-Authenticate")).as("refused before authentication").isNull();
            assertThat(last().event().reason()).isEqualTo("HOST_NOT_ALLOWED");
        }
        assertThat(RawHttp.post(gateway.baseUrl(), "/mcp", "evil.example:" + URI.create(gateway.baseUrl()).getPort(),
                mcpHeaders(null), INIT).status()).isEqualTo(421);
        assertThat(RawHttp.send(gateway.baseUrl(), "GET", "/.well-known/oauth-authorization-server", "evil.example",
                Map.of(), new byte[0], -1, 0).status()).isEqualTo(421);
        assertThat(RawHttp.send(gateway.baseUrl(), "GET", "/healthz", "10.0.0.7:8080", Map.of(), new byte[0], -1, 0)
                .status()).as("health probes by IP").isEqualTo(200);
    }

    @Test
    void loopbackNamesAreServed() throws Exception {
        int port = URI.create(gateway.baseUrl()).getPort();
        for (String name : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port}) {
            assertThat(RawHttp.post(gateway.baseUrl(), "/mcp", name, mcpHeaders(null), INIT).status()).as(name)
                    .isEqualTo(200);
        }
    }

    @Test
    void rootsListChangedIsAcceptedWithoutABody() throws Exception {
        String session = session();
        RawHttp.Answer answer = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void anUnknownNotificationIsAcceptedAndIgnored() throws Exception {
        String session = session();
        RawHttp.Answer answer = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/something_new\",\"params\":{\"x\":1}}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aBareResponseIsAcceptedWithoutABody() throws Exception {
        String session = session();
        for (String response : new String[] {"{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{\"roots\":[]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,\"message\":\"no\"}}"}) {
            RawHttp.Answer answer = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session), response);
            assertThat(answer.status()).as(response).isEqualTo(202);
            assertThat(answer.body()).isEmpty();
        }
    }

    @Test
    void otherClientNotificationsAreAccepted() throws Exception {
        String session = session();
        for (String notification : new String[] {
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,\"progress\":1}}"}) {
            RawHttp.Answer answer = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session), notification);
            assertThat(answer.status()).as(notification).isEqualTo(202);
            assertThat(answer.body()).isEmpty();
        }
    }

    @Test
    void aToolCallSentAsANotificationIsNeitherExecutedNorLogged() throws Exception {
        String session = session();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RawHttp.Answer answer;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            answer = RawHttp.post(gateway.baseUrl(), "/mcp", host, mcpHeaders(session),
                    "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"crm.get_customer\","
                            + "\"arguments\":{\"id\":1,\"note\":\"secret-4111-1111\"}}}");
        } finally {
            System.setErr(original);
        }
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEmpty();
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("secret-4111-1111");
        assertThat(last().event().reason()).isEqualTo("NOTIFICATION_NOT_EXECUTED");
        assertThat(last().event().details().toString()).doesNotContain("secret-4111-1111");
        assertThat(gateway.auditLog().tail(5)).noneMatch(r -> r.event().outcome()
                == dev.bulwark.spi.audit.Outcome.SUCCEEDED && "crm.get_customer".equals(r.event().action()));
    }

    @Test
    void aSlowBodyTimesOutWithoutA500() throws Exception {
        String session = session();
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(gateway.baseUrl(), "POST", "/mcp", host, mcpHeaders(session), body, 10,
                15_000);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"code\":-32600");
    }

    @Test
    void onlyUtf8MessagesAreRead() throws Exception {
        // The gate's parser would detect UTF-16 by itself while the SDK behind it decodes UTF-8: one reading only.
        String session = session();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";
        Map<String, String> declared = mcpHeaders(session);
        declared.put("Content-Type", "application/json; charset=utf-16");
        RawHttp.Answer refused = RawHttp.send(gateway.baseUrl(), "POST", "/mcp", host, declared,
                call.getBytes(StandardCharsets.UTF_16), -1, 0);
        assertThat(refused.status()).isEqualTo(415);
        assertThat(last().event().reason()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        RawHttp.Answer undeclared = RawHttp.send(gateway.baseUrl(), "POST", "/mcp", host, mcpHeaders(session),
                call.getBytes(StandardCharsets.UTF_16LE), -1, 0);
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.body()).contains("-32700");
        assertThat(last().event().reason()).isEqualTo("PARSE_ERROR");
        Map<String, String> utf8Declared = mcpHeaders(session);
        utf8Declared.put("Content-Type", "application/json; charset=UTF-8");
        RawHttp.Answer utf8 = RawHttp.post(gateway.baseUrl(), "/mcp", host, utf8Declared, call);
        assertThat(utf8.status()).isEqualTo(200);
    }
}
