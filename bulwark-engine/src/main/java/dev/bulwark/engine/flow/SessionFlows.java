package dev.bulwark.engine.flow;

import dev.bulwark.engine.pipeline.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flow state of the sessions this gateway holds in memory, at most {@code maxSessions}, least recently used
 * evicted first. A session whose state was evicted and comes back gets an index {@link ValueIndex#afterLoss after
 * loss}: every value it has not seen again looks untrusted. This is what keeps a bounded gateway fail-safe when
 * {@code sessions.store} is {@code memory}; otherwise {@link StoredSessionFlows} keeps the state in the shared store.
 * Keyed by the call's (MCP) session id.
 */
public final class SessionFlows implements FlowStates {
    private final int maxSessions;
    private final ValueExtractor extractor;
    private final ValueIndex.Bounds bounds;
    private final Map<String, SessionFlow> live;
    /** Ids of evicted sessions (bounded too; a forgotten id beyond it looks new, see docs/security/flow.md). */
    private final Map<String, Boolean> evicted;

    public SessionFlows(int maxSessions, ValueExtractor extractor, ValueIndex.Bounds bounds) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be positive");
        }
        this.maxSessions = maxSessions;
        this.extractor = extractor;
        this.bounds = bounds;
        this.live = new LinkedHashMap<>(16, 0.75f, true);
        this.evicted = new LinkedHashMap<>(16, 0.75f, false);
    }

    public SessionFlows(int maxSessions) {
        this(maxSessions, new ValueExtractor(), ValueIndex.Bounds.defaults());
    }

    /** The flow state of a session, created on first use. */
    public synchronized SessionFlow of(String sessionId) {
        SessionFlow flow = live.get(sessionId);
        if (flow != null) {
            return flow;
        }
        boolean lost = evicted.remove(sessionId) != null;
        flow = new SessionFlow(extractor, lost ? ValueIndex.afterLoss(bounds) : new ValueIndex(bounds));
        live.put(sessionId, flow);
        if (live.size() > maxSessions) {
            var eldest = live.entrySet().iterator();
            String gone = eldest.next().getKey();
            eldest.remove();
            evicted.put(gone, Boolean.TRUE);
            if (evicted.size() > 16 * maxSessions) {
                evicted.remove(evicted.keySet().iterator().next());
            }
        }
        return flow;
    }

    @Override
    public SessionFlow of(CallContext call) {
        return of(call.request().sessionId());
    }

    /** The state is held in memory: there is nothing to write back. */
    @Override
    public void recorded(CallContext call, SessionFlow flow) {}

    public synchronized int size() {
        return live.size();
    }
}
