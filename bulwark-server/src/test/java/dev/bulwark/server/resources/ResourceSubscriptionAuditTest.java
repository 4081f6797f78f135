package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every {@code resources/subscribe} and {@code resources/unsubscribe} is audited with its outcome and reason, under the
 * session's agent, user and session, with the URI redacted and bounded; one that cannot be audited is refused and
 * changes nothing.
 */
class ResourceSubscriptionAuditTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Principal ALICE_BOT = new Principal(new Agent("bot", "o@example.com", Set.of(), Map.of(),
            AgentStatus.ACTIVE, NOW), Optional.of(new User("alice", Set.of(), Map.of())), "t1", Set.of(),
            NOW.plusSeconds(600));
    private static final McpSchema.ServerCapabilities SUBSCRIBABLE = McpSchema.ServerCapabilities.builder()
            .resources(true, false).build();
    private static final McpSchema.ServerCapabilities NOT_SUBSCRIBABLE = McpSchema.ServerCapabilities.builder()
            .resources(false, false).build();

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean auditFails;
    private final List<String> upstreamCalls = new CopyOnWriteArrayList<>();
    private final ResourceSubscriptions subscriptions = subscriptions();

    @Test
    void anAllowedSubscriptionAndItsUnsubscriptionAreRecordedWithTheSessionsPrincipal() throws Exception {
        subscriptions.subscribe("s1", ALICE_BOT, "note://public/status");
        subscriptions.unsubscribe("s1", ALICE_BOT, "note://public/status");

        assertThat(events).extracting(AuditEvent::action, AuditEvent::outcome, AuditEvent::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("relay.subscribe", Outcome.SUCCEEDED, ""),
                org.assertj.core.groups.Tuple.tuple("relay.unsubscribe", Outcome.SUCCEEDED, ""));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEventType.RELAY);
            assertThat(e.agentId()).isEqualTo("bot");
            assertThat(e.userId()).isEqualTo("alice");
            assertThat(e.sessionId()).isEqualTo("s1");
            assertThat(e.details()).containsEntry("uri", "note://public/status").containsEntry("connector", "up");
        });
        assertThat(upstreamCalls).containsExactly("subscribe note://public/status", "unsubscribe note://public/status");
    }

    @Test
    void eachRefusalIsRecordedWithItsReason() {
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, "note://secret/plan"), -32002, "not permitted");
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, "note://nowhere"), -32002, "unknown uri");
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, "other://static"), -32601,
                "upstream lacks the capability");
        assertRefused(() -> subscriptions.subscribe("s1", null, "note://public/status"), -32002, "not permitted");
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, "x".repeat(100_000)), -32602, "invalid uri");
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, null), -32602, "invalid uri");
        assertThat(upstreamCalls).isEmpty();
    }

    @Test
    void theBoundIsRecordedAsReached() throws Exception {
        for (int i = 0; i < ResourceSubscriptions.MAX_PER_SESSION; i++) {
            subscriptions.subscribe("s1", ALICE_BOT, "note://public/" + i);
        }
        events.clear();
        assertRefused(() -> subscriptions.subscribe("s1", ALICE_BOT, "note://public/one-more"), -32600,
                "bound reached");
    }

    @Test
    void aSecretInTheUriIsNotRecordedAndAHugeOneIsCut() throws Exception {
        subscriptions.subscribe("s1", ALICE_BOT, "note://public/q?token=ghp_" + "A".repeat(36));
        assertThat((String) events.getLast().details().get("uri")).doesNotContain("ghp_" + "A".repeat(36))
                .contains("REDACTED");
        subscriptions.subscribe("s1", ALICE_BOT, "note://public/" + "y".repeat(Subject.MAX_ID_CHARS - 14));
        assertThat((String) events.getLast().details().get("uri"))
                .hasSize(SubscriptionRecords.MAX_URI_CHARS + 1).endsWith("…");
    }

    @Test
    void aSubscriptionThatCannotBeAuditedIsRefusedAndLeavesNothingBehind() throws Exception {
        auditFails = true;
        assertThatThrownBy(() -> subscriptions.subscribe("s1", ALICE_BOT, "note://public/status"))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR));
        // undone upstream too, and no session is told of updates
        assertThat(upstreamCalls).containsExactly("subscribe note://public/status",
                "unsubscribe note://public/status");
        auditFails = false;
        subscriptions.subscribe("s1", ALICE_BOT, "note://public/status");
        assertThat(upstreamCalls).hasSize(3).last().isEqualTo("subscribe note://public/status");
    }

    @Test
    void anUnsubscriptionThatCannotBeAuditedIsRefusedAndChangesNothing() throws Exception {
        subscriptions.subscribe("s1", ALICE_BOT, "note://public/status");
        auditFails = true;
        assertThatThrownBy(() -> subscriptions.unsubscribe("s1", ALICE_BOT, "note://public/status"))
                .isInstanceOf(McpError.class);
        auditFails = false;
        subscriptions.unsubscribe("s1", ALICE_BOT, "note://public/status");
        assertThat(events.getLast().reason()).isEmpty(); // still subscribed until now
        assertThat(upstreamCalls).containsExactly("subscribe note://public/status",
                "unsubscribe note://public/status");
    }

    @Test
    void anUnsubscriptionOfWhatWasNeverSubscribedIsRecordedAsSuch() {
        subscriptions.unsubscribe("s1", ALICE_BOT, "note://public/status");
        assertThat(events.getLast().reason()).isEqualTo("not subscribed");
        assertRefused(() -> subscriptions.unsubscribe("s1", ALICE_BOT, ""), -32602, "invalid uri");
        assertThat(upstreamCalls).isEmpty();
    }

    private void assertRefused(ThrowingCall call, int code, String reason) {
        int before = events.size();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(McpError.class,
                e -> assertThat(e.getJsonRpcError().code()).isEqualTo(code));
        assertThat(events).hasSize(before + 1);
        assertThat(events.getLast().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(events.getLast().reason()).isEqualTo(reason);
        assertThat(((String) events.getLast().details().get("uri")).length())
                .isLessThanOrEqualTo(SubscriptionRecords.MAX_URI_CHARS + 1);
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    private ResourceSubscriptions subscriptions() {
        List<String> uris = new ArrayList<>(List.of("note://public/status", "note://secret/plan"));
        FeatureCatalog catalog = new FeatureCatalog(List.of(
                new FeatureCatalog.Upstream("up", "up.", listing(SUBSCRIBABLE, uris, List.of("note://public/{+rest}"))),
                new FeatureCatalog.Upstream("other", "other.", listing(NOT_SUBSCRIBABLE, List.of("other://static"),
                        List.of()))), Clock.systemUTC());
        catalog.refresh();
        Map<String, FeatureConnector> connectors = Map.of("up", new FeatureConnector("up", Set.of(), null),
                "other", new FeatureConnector("other", Set.of(), null));
        Map<String, ResourceSubscriptions.Upstream> upstreams = Map.of("up", upstream(SUBSCRIBABLE),
                "other", upstream(NOT_SUBSCRIBABLE));
        AuditLog audit = new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) {
                if (auditFails) {
                    throw new AuditException("disk full");
                }
                events.add(event);
                return new AuditRecord(events.size(), event, "0".repeat(64), "0".repeat(64));
            }

            @Override
            public List<AuditRecord> tail(int count) {
                return List.of();
            }

            @Override
            public AuditVerification verify() {
                throw new UnsupportedOperationException();
            }
        };
        dev.bulwark.spi.guard.Redactor redactor = tree -> {
            String uri = (String) tree.get("uri");
            return Map.of("uri", uri.replaceAll("ghp_[A-Za-z0-9]{36}", "[REDACTED]"));
        };
        return new ResourceSubscriptions(catalog, connectors, upstreams, new PolicyEngine() {
            @Override
            public Decision decide(DecisionRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean mayList(Principal principal, Tool tool) {
                return false;
            }

            @Override
            public boolean mayList(Principal principal, Tool tool, Subject subject) {
                return !subject.id().startsWith("note://secret");
            }
        }, new SubscriptionRecords(audit, redactor, Clock.systemUTC()));
    }

    private ResourceSubscriptions.Upstream upstream(McpSchema.ServerCapabilities caps) {
        return new ResourceSubscriptions.Upstream() {
            @Override
            public McpSchema.ServerCapabilities capabilities() {
                return caps;
            }

            @Override
            public void subscribe(String uri) {
                upstreamCalls.add("subscribe " + uri);
            }

            @Override
            public void unsubscribe(String uri) {
                upstreamCalls.add("unsubscribe " + uri);
            }
        };
    }

    private static FeatureCatalog.Listing listing(McpSchema.ServerCapabilities caps, List<String> uris,
                                                  List<String> templates) {
        return new FeatureCatalog.Listing() {
            @Override
            public McpSchema.ServerCapabilities capabilities() {
                return caps;
            }

            @Override
            public List<McpSchema.Resource> resources() {
                return uris.stream().map(u -> new McpSchema.Resource(u, u, null, null, null, null, null, null))
                        .toList();
            }

            @Override
            public List<McpSchema.ResourceTemplate> resourceTemplates() {
                return templates.stream().map(t -> new McpSchema.ResourceTemplate(t, t, null, null, null, null))
                        .toList();
            }

            @Override
            public List<McpSchema.Prompt> prompts() {
                return List.of();
            }
        };
    }
}
