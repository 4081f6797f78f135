package dev.bulwark.server.gateway;

import dev.bulwark.engine.flow.FlowStates;
import dev.bulwark.engine.flow.SessionFlows;
import dev.bulwark.engine.flow.StoredSessionFlows;
import dev.bulwark.engine.flow.ToolFlow;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.FlowSettings;
import dev.bulwark.server.config.ToolFlowSettings;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Information-flow control as configured: each tool's sinks and output trust from {@code flow.tools}, the sessions'
 * flow state, and the user's intent given at session start. With {@code flow.state: sessions} and
 * {@code sessions.store: database}, flow state lives in the session store's extension slot
 * ({@link StoredSessionFlows}), shared by replicas and kept across restarts; otherwise in this gateway's memory
 * ({@link SessionFlows}).
 */
final class FlowControl {
    /** The demo's note tool writes into the CRM: its note is a sink unless configuration says otherwise. */
    static final ToolFlowSettings DEMO_NOTE = new ToolFlowSettings("crm.update_customer_note", List.of("note"), false);

    private final FlowSettings settings;
    private final boolean demo;
    private final SessionFlows sessions;
    /** Null when flow state is kept in memory. */
    private final StoredSessionFlows stored;
    private final AuditLog audit;
    private final Clock clock;

    FlowControl(BulwarkConfig config, SessionStore store, AuditLog audit, Clock clock) {
        this.settings = config.flow();
        this.demo = config.demo().on();
        this.sessions = new SessionFlows(settings.maxSessions());
        // the slot bound SessionsSetup gives the store
        this.stored = settings.inSessionStore() && config.sessions().inDatabase()
                ? new StoredSessionFlows(store, SessionLimits.defaults().maxExtensionBytes()) : null;
        this.audit = audit;
        this.clock = clock;
    }

    SessionFlows sessions() {
        return sessions;
    }

    /** Where the pipeline reads and writes flow state. */
    FlowStates states() {
        return stored != null ? stored : sessions;
    }

    /** A tool's flow configuration: the first matching entry, the demo default, or untrusted output and no sinks. */
    ToolFlow tool(String name) {
        ToolFlowSettings entry = settings.forTool(name);
        if (entry == null && demo && name.equals(DEMO_NOTE.tool())) {
            entry = DEMO_NOTE;
        }
        return entry == null ? ToolFlow.UNCONFIGURED : new ToolFlow(entry.trustedOutput(), entry.sinkArguments(),
                entry.records());
    }

    /** Records the user's intent for a session that is starting (the gate checked who may declare it); audited. */
    void declareIntent(String sessionId, String intent) {
        audit.append(new AuditEvent(clock.instant(), AuditEventType.PROTOCOL, "mcp.intent", Outcome.SUCCEEDED, null,
                null, sessionId, "", Map.of("chars", intent.length())));
        if (stored != null) {
            stored.declareIntent(sessionId, intent);
        } else {
            sessions.of(sessionId).intent(intent);
        }
    }
}
