package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.spi.approval.ApprovalRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlackWebhookTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    static ApprovalRequest request() {
        return ApprovalRequest.pending("0123456789abcdef", "a".repeat(64), "crm.delete_customer", "admin-bot",
                Optional.of("alice"), "s-1", Map.of("id", 7, "apiKey", "[REDACTED]"), List.of("crm-admin-write"),
                List.of("manager"), Map.of(), 2, T0, T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void retriesAFailedDeliveryAndSendsASlackMessage() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(attempts.incrementAndGet() < 3 ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        try (SlackWebhook hook = new SlackWebhook(List.of("http://127.0.0.1:" + server.getAddress().getPort()
                + "/hook"), "https://gw.example", Duration.ofMillis(20))) {
            hook.opened(request());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (attempts.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            server.stop(0);
        }
        assertThat(attempts.get()).isEqualTo(3);
        JsonNode message = new ObjectMapper().readTree(bodies.get(2));
        assertThat(message.get("text").asText()).contains("crm.delete_customer").contains("admin-bot")
                .contains("alice").contains("approval:0123456789abcdef");
        assertThat(message.get("blocks").size()).isEqualTo(3);
        assertThat(message.get("blocks").get(1).at("/text/text").asText()).contains("crm-admin-write")
                .contains("[REDACTED]").contains("Approvals needed:* 2");
    }

    @Test
    void givesUpAfterThreeAttempts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            attempts.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try (SlackWebhook hook = new SlackWebhook(List.of("http://127.0.0.1:" + server.getAddress().getPort()
                + "/hook"), "https://gw.example", Duration.ofMillis(10))) {
            hook.opened(request());
            Thread.sleep(1000);
        } finally {
            server.stop(0);
        }
        assertThat(attempts.get()).isEqualTo(SlackWebhook.ATTEMPTS);
    }
}
