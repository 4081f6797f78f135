package dev.bulwark.engine.flow;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.session.SessionExtension;
import dev.bulwark.spi.session.SessionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flow state kept in the session store's extension slot {@value #EXTENSION}, so every gateway on one store decides a
 * session's calls on the same value index, and the index survives a restart. Keyed by the store's session (the task,
 * see {@code TaskKeys}), not by the MCP transport session.
 *
 * <ul>
 *   <li>Each call reads the stored index ({@link #of}); absent, a fresh one; unreadable (corrupt, or written by a
 *       newer version), an index {@link ValueIndex#afterLoss after loss}: every value looks untrusted.</li>
 *   <li>After the call's output is recorded ({@link #recorded}), the index is merged into the stored one (a union,
 *       {@link ValueIndex#merge}) and written with compare-and-set on the version read; on a conflict it reads again,
 *       merges again and retries, at most {@link #ATTEMPTS} times. If it still fails, the call's output is withheld
 *       (the step refuses): an output the shared index does not know of never reaches the agent.</li>
 *   <li>The byte form is shrunk to the slot's size the fail-safe way ({@link ValueIndex#shrinkTo}).</li>
 * </ul>
 *
 * <p>A user's intent arrives when an MCP session starts, before any call names the task: it is held in memory under
 * the MCP session id (bounded, oldest dropped: its values then look unseen, the safe side) and recorded into the
 * stored index at that MCP session's first call.
 */
public final class StoredSessionFlows implements FlowStates {
    /** The extension name of the value index. */
    public static final String EXTENSION = "flow.value-index";
    /** Writes attempted before a conflict becomes a failure. */
    static final int ATTEMPTS = 8;
    private static final int MAX_PENDING_INTENTS = 10_000;
    /** A session's pending intent and later turns, newest kept: four full {@code Bulwark-Intent} headers. */
    static final int MAX_PENDING_CHARS = 16_384;

    private final SessionStore store;
    private final ValueExtractor extractor;
    private final ValueIndex.Bounds bounds;
    private final int slotBytes;
    private final Map<String, String> pendingIntents = new LinkedHashMap<>();

    /** @param slotBytes the store's bound on one extension blob ({@code SessionLimits.maxExtensionBytes}) */
    public StoredSessionFlows(SessionStore store, ValueExtractor extractor, ValueIndex.Bounds bounds, int slotBytes) {
        this.store = Checks.present(store, "store");
        this.extractor = Checks.present(extractor, "extractor");
        this.bounds = Checks.present(bounds, "bounds");
        if (slotBytes < 1) {
            throw new IllegalArgumentException("slotBytes must be positive");
        }
        this.slotBytes = slotBytes;
    }

    public StoredSessionFlows(SessionStore store, int slotBytes) {
        this(store, new ValueExtractor(), ValueIndex.Bounds.forSlot(slotBytes), slotBytes);
    }

    /** Holds the user's intent of a starting MCP session, or a later turn of it, until its next call. */
    public void declareIntent(String mcpSessionId, String intent) {
        Checks.present(mcpSessionId, "mcpSessionId");
        Checks.present(intent, "intent");
        synchronized (pendingIntents) {
            // a later user turn adds to what is pending (kept to the newest MAX_PENDING_CHARS: older values then
            // look unseen, the safe side)
            pendingIntents.merge(mcpSessionId, intent, (before, turn) -> {
                String both = before + "\n" + turn;
                return both.length() > MAX_PENDING_CHARS ? both.substring(both.length() - MAX_PENDING_CHARS) : both;
            });
            if (pendingIntents.size() > MAX_PENDING_INTENTS) {
                pendingIntents.remove(pendingIntents.keySet().iterator().next());
            }
        }
    }

    @Override
    public SessionFlow of(CallContext call) {
        SessionFlow flow = new SessionFlow(extractor, read(sessionOf(call)).index());
        String intent;
        synchronized (pendingIntents) {
            intent = pendingIntents.remove(call.request().sessionId());
        }
        if (intent != null) {
            flow.intent(intent);
        }
        return flow;
    }

    @Override
    public void recorded(CallContext call, SessionFlow flow) {
        write(sessionOf(call), flow.index());
    }

    /** Merges {@code index} into the stored index of {@code sessionId}, retrying on conflicts. */
    void write(String sessionId, ValueIndex index) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stored current = read(sessionId);
            byte[] data;
            if (current.version() == 0) {
                data = index.shrinkTo(slotBytes);
            } else {
                current.index().merge(index);
                data = current.index().shrinkTo(slotBytes);
            }
            if (store.replaceExtension(sessionId, EXTENSION, current.version(), data)) {
                return;
            }
        }
        throw new IllegalStateException("flow state of a session kept changing: " + ATTEMPTS + " writes conflicted");
    }

    /** The stored index and its version (0 when none is stored). */
    Stored read(String sessionId) {
        Optional<SessionExtension> stored = store.extension(sessionId, EXTENSION);
        if (stored.isEmpty()) {
            return new Stored(new ValueIndex(bounds), 0);
        }
        ValueIndex index;
        try {
            index = ValueIndex.fromBytes(stored.get().data());
        } catch (IllegalArgumentException e) {
            index = ValueIndex.afterLoss(bounds); // what it held is unknown: every value looks untrusted
        }
        return new Stored(index, stored.get().version());
    }

    record Stored(ValueIndex index, long version) {}

    private static String sessionOf(CallContext call) {
        return call.session().orElseThrow(() -> new IllegalStateException("flow state needs the call's session")).id();
    }
}
