package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditReport;
import dev.bulwark.audit.AuditVerifier;
import dev.bulwark.audit.FileWitness;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway on its embedded defaults: write calls leave attempt and outcome, and the witness anchors the log. */
class AuditWitnessEndToEndTest {
    @TempDir
    Path data;

    @Test
    void aWriteCallIsAttemptedThenConcludedAndTheLogEndsUpAnchoredAtTheWitness() throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note",
                        Map.of("id", 2, "note", "called back")));
                client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 1)));
            }
            List<AuditRecord> tail = gateway.auditLog().tail(10);
            List<AuditRecord> write = tail.stream()
                    .filter(r -> r.event().action().equals("crm.update_customer_note")).toList();
            assertThat(write).extracting(r -> r.event().type())
                    .containsExactly(AuditEventType.TOOL_ATTEMPT, AuditEventType.TOOL_CALL);
            assertThat(write.get(1).event().outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(write.get(0).event().details().get("callId"))
                    .isEqualTo(write.get(1).event().details().get("callId"));
            assertThat(tail.stream().filter(r -> r.event().action().equals("crm.find_customers")))
                    .extracting(r -> r.event().type()).containsExactly(AuditEventType.TOOL_CALL);

            Path witness = data.resolve("witness/audit-anchors.jsonl");
            long head = gateway.auditLog().tail(1).getFirst().sequence();
            awaitAnchor(witness, head); // the timed checkpoint (1 s) reaches the witness without another call
            AuditReport report = AuditVerifier.ofEmbedded(data, 1000).withAnchors(FileWitness.read(witness)).report();
            assertThat(report.verification().intact()).isTrue();
            assertThat(report.lastAnchor()).isGreaterThanOrEqualTo(head);
            assertThat(report.unfinished()).isEmpty();

            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
            // The publisher notes a witness as current just after its file is written: ask until it has.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String body;
            do {
                body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(gateway.baseUrl() + "/api/v1/audit/verify"))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body();
            } while (!body.contains("\"behind\":false") && System.nanoTime() < deadline && pause());
            assertThat(body).contains("\"witness\":\"file:" + witness).contains("\"behind\":false");
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    private static void awaitAnchor(Path witness, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(witness)
                    && FileWitness.read(witness).anchors().stream().anyMatch(a -> a.sequence() >= sequence)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the witness holds no anchor for record " + sequence + " after 30 s");
    }
}
