package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewer's attack: 300 wrong keys for one agent at the token endpoint. The attacker, from 127.0.0.2, is cut off
 * with 429 and Retry-After after a few tries; the real agent, from 127.0.0.1 with its key, still gets tokens; the
 * audit log holds a handful of records, not 300.
 */
class TokenThrottlingEndToEndTest {
    @TempDir
    static Path data;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One raw HTTP/1.1 request from a chosen local address; answers the status line and headers. */
    private static String tokenRequest(String fromAddress, String clientId, String secret) throws Exception {
        return tokenRequest(fromAddress, clientId, secret, "application/x-www-form-urlencoded");
    }

    private static String tokenRequest(String fromAddress, String clientId, String secret, String contentType)
            throws Exception {
        URI base = URI.create(gateway.baseUrl());
        String body = "grant_type=client_credentials";
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n"
                    + "Content-Type: " + contentType + "\r\nAuthorization: Basic " + basic + "\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void anAttackerHammeringAnAgentsIdIsThrottledWhileTheAgentStillGetsTokens() throws Exception {
        long auditBefore = gateway.auditLog().tail(100_000).size();
        int unauthorized = 0;
        int throttled = 0;
        String lastThrottled = null;
        for (int i = 0; i < 300; i++) {
            String r = tokenRequest("127.0.0.2", "support-bot", "bwk_support-bot_wrong" + i);
            switch (status(r)) {
                case 401 -> unauthorized++;
                case 429 -> {
                    throttled++;
                    lastThrottled = r;
                }
                default -> throw new AssertionError("unexpected answer: " + r);
            }
        }

        assertThat(unauthorized).isEqualTo(5);
        assertThat(throttled).isEqualTo(295);
        assertThat(lastThrottled).containsIgnoringCase("Retry-After: ").contains("slow_down");
        String legit = tokenRequest("127.0.0.1", "support-bot", gateway.demoCredentials().supportBotKey());
        assertThat(status(legit)).as(legit).isEqualTo(200);
        assertThat(status(tokenRequest("127.0.0.2", "support-bot", gateway.demoCredentials().supportBotKey())))
                .as("the attacker's address stays throttled even with the right key").isEqualTo(429);

        List<AuditRecord> records = gateway.auditLog().tail(100_000);
        // 5 refusals, 1 "throttling started", 1 issuance; the aggregate count comes with the next flush.
        assertThat(records.size() - auditBefore).isLessThanOrEqualTo(10);
        assertThat(records).filteredOn(r -> r.event().action().equals("token.throttled")).hasSize(1);
    }

    @Test
    void malformedRequestsCannotFloodTheAuditLogEither() throws Exception {
        long auditBefore = gateway.auditLog().tail(100_000).size();
        int refused = 0;
        int throttled = 0;
        for (int i = 0; i < 100; i++) {
            switch (status(tokenRequest("127.0.0.3", "x", "y", "text/plain"))) {
                case 400 -> refused++;
                case 429 -> throttled++;
                default -> throw new AssertionError("unexpected answer");
            }
        }

        assertThat(refused).isEqualTo(20);
        assertThat(throttled).isEqualTo(80);
        assertThat(gateway.auditLog().tail(100_000).size() - auditBefore).isLessThanOrEqualTo(21);
    }
}
