package dev.bulwark.server.gateway;

import static dev.bulwark.testkit.McpTestTools.textResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.Eventually;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent subscribes to an upstream resource through the gateway and is told when it changes; subscribing needs what
 * listing needs, and an unsubscribed session is told nothing.
 */
class ResourceSubscriptionEndToEndTest {
    private static final String WATCHED = "note://public/status";
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = UpstreamGateway.start(data, JettyMcpUpstream.start(List.of(), spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(true, false).build())
                .resources(textResource(WATCHED, "all good"), textResource("note://secret/plan", "the plan"))),
                UpstreamGateway.READERS_READ_UP + """
                @id("no-secrets")
                forbid (principal, action, resource == Bulwark::Resource::"note://secret/plan");
                """, UpstreamGateway.Mount.PLAIN);
    }

    @Test
    void aSubscribedAgentIsToldOfUpdatesUntilItUnsubscribes() throws Exception {
        List<String> updated = new CopyOnWriteArrayList<>();
        try (McpSyncClient reader = client("reader", updated)) {
            assertThat(reader.getServerCapabilities().resources().subscribe()).isTrue();
            reader.subscribeResource(new McpSchema.SubscribeRequest(WATCHED));

            fixture.upstream().announceResourceUpdated(WATCHED);
            Eventually.until(() -> !updated.isEmpty());
            // the SDK client re-reads what changed, through the gateway (decided and screened like any read)
            assertThat(updated).contains("all good");

            reader.unsubscribeResource(new McpSchema.UnsubscribeRequest(WATCHED));
            assertThat(recorded("relay.subscribe")).anySatisfy(e -> assertThat(e.outcome()).isEqualTo(
                    Outcome.SUCCEEDED));
            assertThat(recorded("relay.unsubscribe")).anySatisfy(e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(e.sessionId()).isNotBlank();
                assertThat(e.agentId()).isNotBlank();
                assertThat(e.details()).containsEntry("uri", WATCHED).containsEntry("connector", "up");
            });
            updated.clear();
            fixture.upstream().announceResourceUpdated(WATCHED);
            Thread.sleep(500);
            assertThat(updated).isEmpty();
        }
    }

    @Test
    void subscribingNeedsWhatListingNeeds() {
        try (McpSyncClient outsider = client("outsider", new CopyOnWriteArrayList<>());
             McpSyncClient reader = client("reader", new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(() -> outsider.subscribeResource(new McpSchema.SubscribeRequest(WATCHED)))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("note://secret/plan")))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("note://nowhere")))
                    .isInstanceOf(McpError.class).hasMessageContaining("resource not found");
            assertThatThrownBy(() -> reader.subscribeResource(new McpSchema.SubscribeRequest("x".repeat(5000))))
                    .isInstanceOf(McpError.class);
            assertThat(recorded("relay.subscribe")).filteredOn(e -> e.outcome() == Outcome.DENIED)
                    .extracting(AuditEvent::reason)
                    .contains("not permitted", "unknown uri", "invalid uri");
        }
    }

    private static List<AuditEvent> recorded(String action) {
        return fixture.gateway().auditLog().tail(500).stream().map(AuditRecord::event)
                .filter(e -> e.type() == AuditEventType.RELAY && e.action().equals(action)).toList();
    }

    private static McpSyncClient client(String role, List<String> updated) {
        McpSyncClient client = fixture.clientSpec(role)
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(
                        c instanceof McpSchema.TextResourceContents t ? t.text() : c.uri())))
                .build();
        client.initialize();
        return client;
    }
}
