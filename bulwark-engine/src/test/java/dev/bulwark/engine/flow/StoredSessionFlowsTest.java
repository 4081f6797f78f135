package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.engine.session.InMemorySessionStore;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.session.SessionExtension;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredSessionFlowsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, ToolFlow> CONFIG = Map.of(
            "mail.read", new ToolFlow(false, Set.of()),
            "bank.pay", new ToolFlow(false, Set.of("iban")));
    private static final Principal PRINCIPAL = new Principal(
            new Agent("a1", "owner@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE, NOW), Optional.empty(),
            "jti", Set.of(), NOW.plusSeconds(60));
    private static final String IBAN = "GB29NWBK60161331926819";

    private final InMemorySessionStore store = new InMemorySessionStore(Duration.ofHours(1), 100);

    private CallContext call(String mcpSession, String tool, Map<String, Object> args) throws Exception {
        Tool t = new Tool(tool, "", "{\"type\":\"object\"}", ToolKind.WRITE, tool.substring(0, tool.indexOf('.')), Set.of());
        return CallContext.start(new CallRequest(null, mcpSession, tool, args, null), NOW, 0)
                .withPrincipal(PRINCIPAL).withTool(t).withArguments(args)
                .withSession(store.current("task-1", PRINCIPAL));
    }

    private static Conclusion run(FlowStep step, CallContext call, String output, CallProvenance[] seen) {
        return step.handle(call, ctx -> {
            seen[0] = ctx.get(FlowStep.PROVENANCE).orElseThrow();
            return ctx.withDecision(new Decision.Allow(List.of("p"), List.of()))
                    .withResult(ToolResult.text(output), Set.of()).complete();
        });
    }

    @Test
    void aValueReadThroughOneGatewayIsUntrustedOnAnotherOnTheSameStore() throws Exception {
        FlowStep gatewayA = new FlowStep(new StoredSessionFlows(store, 256 * 1024), CONFIG::get);
        FlowStep gatewayB = new FlowStep(new StoredSessionFlows(store, 256 * 1024), CONFIG::get);
        CallProvenance[] seen = new CallProvenance[1];

        run(gatewayA, call("mcp-a", "mail.read", Map.of()), "Landlord: new IBAN " + IBAN, seen);
        run(gatewayB, call("mcp-b", "bank.pay", Map.of("iban", IBAN)), "ok", seen);

        assertThat(seen[0].untrustedIdentifierInSink()).isTrue();
    }

    @Test
    void intentDeclaredForAnMcpSessionIsTrustedAtItsFirstCallAndStored() throws Exception {
        StoredSessionFlows a = new StoredSessionFlows(store, 256 * 1024);
        a.declareIntent("mcp-a", "pay my rent to " + IBAN);
        CallProvenance[] seen = new CallProvenance[1];

        run(new FlowStep(a, CONFIG::get), call("mcp-a", "bank.pay", Map.of("iban", IBAN)), "ok", seen);
        run(new FlowStep(new StoredSessionFlows(store, 256 * 1024), CONFIG::get),
                call("mcp-b", "bank.pay", Map.of("iban", IBAN)), "ok", seen);

        assertThat(seen[0].arguments().get("iban").sourceNames()).containsExactly("intent");
    }

    @Test
    void aConflictingWriteIsMergedAndRetried() throws Exception {
        StoredSessionFlows flows = new StoredSessionFlows(store, 256 * 1024);
        CallContext call = call("mcp-a", "mail.read", Map.of());
        SessionFlow mine = flows.of(call);
        // another gateway writes in between
        SessionFlow theirs = flows.of(call);
        theirs.output("from the other gateway DE89370400440532013000", Set.of(Source.UNTRUSTED_LABEL));
        flows.recorded(call, theirs);
        mine.output("mine " + IBAN, Set.of(Source.UNTRUSTED_LABEL));

        flows.recorded(call, mine);

        SessionFlow now = flows.of(call);
        CallProvenance p = now.provenance(Map.of("iban", IBAN, "other", "DE89370400440532013000"),
                Set.of("iban", "other"));
        assertThat(p.arguments().get("iban").sourceNames()).containsExactly("untrusted_output");
        assertThat(p.arguments().get("other").sourceNames()).containsExactly("untrusted_output");
        assertThat(store.extension("task-1", StoredSessionFlows.EXTENSION).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void whenEveryWriteConflictsTheOutputIsWithheld() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        SessionStore contended = new DelegatingStore(store) {
            @Override
            public boolean replaceExtension(String sessionId, String name, long expectedVersion, byte[] data) {
                writes.incrementAndGet();
                return false;
            }
        };
        FlowStep step = new FlowStep(new StoredSessionFlows(contended, 256 * 1024), CONFIG::get);

        Conclusion c = run(step, call("mcp-a", "mail.read", Map.of()), "IBAN " + IBAN, new CallProvenance[1]);

        assertThat(c.completed()).isFalse();
        assertThat(refusal(c)).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(writes.get()).isEqualTo(StoredSessionFlows.ATTEMPTS);
    }

    @Test
    void anUnreadableStoredIndexMakesEveryValueUntrusted() throws Exception {
        CallContext call = call("mcp-a", "bank.pay", Map.of("iban", IBAN));
        store.replaceExtension("task-1", StoredSessionFlows.EXTENSION, 0, new byte[] {1, 2, 3});
        CallProvenance[] seen = new CallProvenance[1];

        run(new FlowStep(new StoredSessionFlows(store, 256 * 1024), CONFIG::get), call, "ok", seen);

        assertThat(seen[0].untrustedIdentifierInSink()).isTrue();
    }

    @Test
    void aStoreThatCannotBeReadRefusesTheCall() throws Exception {
        SessionStore broken = new DelegatingStore(store) {
            @Override
            public Optional<SessionExtension> extension(String sessionId, String name) {
                throw new IllegalStateException("database down");
            }
        };
        FlowStep step = new FlowStep(new StoredSessionFlows(broken, 256 * 1024), CONFIG::get);
        boolean[] ran = new boolean[1];

        Conclusion c = step.handle(call("mcp-a", "mail.read", Map.of()), ctx -> {
            ran[0] = true;
            return ctx.complete();
        });

        assertThat(ran[0]).isFalse();
        assertThat(refusal(c)).isEqualTo(Refusal.INTERNAL_ERROR);
    }

    @Test
    void aCallWithoutASessionIsRefused() {
        StoredSessionFlows flows = new StoredSessionFlows(store, 256 * 1024);
        CallContext bare = CallContext.start(new CallRequest(null, "mcp-a", "mail.read", Map.of(), null), NOW, 0);
        assertThatThrownBy(() -> flows.of(bare)).isInstanceOf(IllegalStateException.class);
    }

    private static Refusal refusal(Conclusion c) {
        return c.outcome() instanceof dev.bulwark.engine.pipeline.CallOutcome.Refused r ? r.code() : null;
    }

    private static class DelegatingStore implements SessionStore {
        private final SessionStore inner;

        DelegatingStore(SessionStore inner) {
            this.inner = inner;
        }

        @Override
        public dev.bulwark.spi.session.SessionFacts current(String sessionId, Principal principal)
                throws dev.bulwark.spi.session.SessionRefusedException {
            return inner.current(sessionId, principal);
        }

        @Override
        public void recordCall(String sessionId, String toolName, Set<String> labelsSeen) {
            inner.recordCall(sessionId, toolName, labelsSeen);
        }

        @Override
        public Optional<SessionExtension> extension(String sessionId, String name) {
            return inner.extension(sessionId, name);
        }

        @Override
        public boolean replaceExtension(String sessionId, String name, long expectedVersion, byte[] data) {
            return inner.replaceExtension(sessionId, name, expectedVersion, data);
        }
    }
}
