package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authenticator;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Small working stand-ins for the SPI, for pipeline tests. */
final class Fakes {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private Fakes() {}

    static Principal principal(String agentId) {
        return principal(agentId, null, AgentStatus.ACTIVE);
    }

    static Principal principalWithRoles(String agentId, Set<String> roles) {
        Agent agent = new Agent(agentId, "owner@example.com", roles, Map.of(), AgentStatus.ACTIVE,
                NOW.minus(30, ChronoUnit.DAYS));
        return new Principal(agent, Optional.empty(), "jti-" + agentId, Set.of("tools"), NOW.plus(1, ChronoUnit.HOURS));
    }

    static Principal principal(String agentId, String userId, AgentStatus status) {
        Agent agent = new Agent(agentId, "owner@example.com", Set.of("analyst"), Map.of(), status,
                NOW.minus(30, ChronoUnit.DAYS));
        Optional<User> user = Optional.ofNullable(userId).map(id -> new User(id, Set.of(), Map.of()));
        return new Principal(agent, user, "jti-" + agentId, Set.of("tools"), NOW.plus(1, ChronoUnit.HOURS));
    }

    static Tool tool(String name, String schema, Set<String> labels) {
        return new Tool(name, "test tool " + name, schema, ToolKind.READ, name.substring(0, name.indexOf('.')), labels);
    }

    /** Maps credential strings to principals; anything else is a bad signature, none is missing. */
    static final class FakeAuthenticator implements Authenticator {
        final Map<String, Principal> tokens = new HashMap<>();

        FakeAuthenticator accept(String token, Principal principal) {
            tokens.put(token, principal);
            return this;
        }

        @Override
        public Authentication authenticate(String bearerToken) {
            if (bearerToken == null) {
                return new Authentication.Rejected(Authentication.Reason.MISSING, "no credential");
            }
            Principal p = tokens.get(bearerToken);
            return p == null ? new Authentication.Rejected(Authentication.Reason.BAD_SIGNATURE, "signature invalid")
                    : new Authentication.Authenticated(p);
        }
    }

    /** Decides with a function and remembers every request it saw. */
    static final class FakePolicyEngine implements PolicyEngine {
        final List<DecisionRequest> requests = new CopyOnWriteArrayList<>();
        volatile Function<DecisionRequest, Decision> rule = r -> new Decision.Allow(List.of("permit-all"), List.of());
        volatile Set<String> listable = null;

        @Override
        public Decision decide(DecisionRequest request) {
            requests.add(request);
            return rule.apply(request);
        }

        @Override
        public boolean mayList(Principal principal, Tool tool) {
            if (listable == null) {
                throw new IllegalStateException("listing not configured");
            }
            return listable.contains(tool.name());
        }
    }

    /** A connector whose tools and behaviour a test sets; records the calls it received. */
    static final class FakeConnector implements Connector {
        final String name;
        final AtomicReference<List<Tool>> tools = new AtomicReference<>(List.of());
        final List<ToolCall> calls = new CopyOnWriteArrayList<>();
        volatile Handler handler = (call, progress) -> ToolResult.text("ok:" + call.arguments());

        interface Handler {
            ToolResult handle(ToolCall call, ProgressListener progress) throws ConnectorException;
        }

        FakeConnector(String name, Tool... offered) {
            this.name = name;
            tools.set(List.of(offered));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Tool> tools() {
            return tools.get();
        }

        @Override
        public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
            calls.add(call);
            return handler.handle(call, progress);
        }
    }

    /** Keeps appended events in memory, chained by sequence; can be told to fail. */
    static class RecordingAuditLog implements AuditLog {
        final List<AuditEvent> events = new ArrayList<>();
        volatile boolean failing;

        @Override
        public synchronized AuditRecord append(AuditEvent event) {
            if (failing) {
                throw new AuditException("disk full");
            }
            events.add(event);
            return new AuditRecord(events.size(), event, "0".repeat(64), Integer.toHexString(event.hashCode()));
        }

        synchronized List<AuditEvent> events() {
            return List.copyOf(events);
        }

        synchronized AuditEvent only() {
            if (events.size() != 1) {
                throw new AssertionError("expected exactly one audit event, got " + events.size() + ": " + events);
            }
            return events.get(0);
        }

        @Override
        public synchronized List<AuditRecord> tail(int count) {
            throw new UnsupportedOperationException("not used by the pipeline");
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification.Intact(events.size(), 0);
        }
    }
}
