package dev.bulwark.server.gateway;

import dev.bulwark.engine.flow.SessionFlows;
import dev.bulwark.engine.flow.ToolFlow;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.FlowSettings;
import dev.bulwark.server.config.ToolFlowSettings;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Information-flow control as configured: each tool's sinks and output trust from {@code flow.tools}, the sessions'
 * flow state, and the user's intent given at session start. Flow state lives in memory ({@link SessionFlows}); the
 * seam for a persistent session store is {@link #sessions()} (a store keeps {@code ValueIndex.toBytes()} per
 * session and hands back {@code ValueIndex.afterLoss} for a blob it cannot read).
 */
final class FlowControl {
    /** The demo's note tool writes into the CRM: its note is a sink unless configuration says otherwise. */
    static final ToolFlowSettings DEMO_NOTE = new ToolFlowSettings("crm.update_customer_note", List.of("note"), false);

    private final FlowSettings settings;
    private final boolean demo;
    private final SessionFlows sessions;
    private final AuditLog audit;
    private final Clock clock;

    FlowControl(BulwarkConfig config, AuditLog audit, Clock clock) {
        this.settings = config.flow();
        this.demo = config.demo().on();
        this.sessions = new SessionFlows(settings.maxSessions());
        this.audit = audit;
        this.clock = clock;
    }

    SessionFlows sessions() {
        return sessions;
    }

    /** A tool's flow configuration: the first matching entry, the demo default, or untrusted output and no sinks. */
    ToolFlow tool(String name) {
        ToolFlowSettings entry = settings.forTool(name);
        if (entry == null && demo && name.equals(DEMO_NOTE.tool())) {
            entry = DEMO_NOTE;
        }
        return entry == null ? ToolFlow.UNCONFIGURED : new ToolFlow(entry.trustedOutput(), entry.sinkArguments());
    }

    /** Records the user's intent for a session that is starting (the gate checked who may declare it); audited. */
    void declareIntent(String sessionId, String intent) {
        audit.append(new AuditEvent(clock.instant(), AuditEventType.PROTOCOL, "mcp.intent", Outcome.SUCCEEDED, null,
                null, sessionId, "", Map.of("chars", intent.length())));
        sessions.of(sessionId).intent(intent);
    }
}
