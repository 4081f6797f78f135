package dev.bulwark.server.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' calls that can be cancelled, by MCP session and JSON-RPC id: {@code notifications/cancelled} from the
 * session that sent a {@code tools/call} runs what the call registered (the upstream connector then cancels upstream
 * and stops waiting). The gate has already checked that the session belongs to the caller, so one agent cannot
 * cancel another's calls. At most {@link #MAX_RUNNING} calls are tracked; beyond, a call is not cancellable.
 */
public final class CallCancellations {
    /** The request attribute (and transport-context key) holding a {@code tools/call}'s JSON-RPC id as JSON text. */
    public static final String RPC_ID = "bulwark.rpcId";
    static final int MAX_RUNNING = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(CallCancellations.class);

    private record Key(String session, String rpcId) {
    }

    private final Map<Key, Running> running = new ConcurrentHashMap<>();

    /** One running call: what to do if it is cancelled. */
    public static final class Running implements AutoCloseable {
        private final CallCancellations owner;
        private final Key key;
        private final List<Runnable> actions = new ArrayList<>();
        private boolean cancelled;

        private Running(CallCancellations owner, Key key) {
            this.owner = owner;
            this.key = key;
        }

        void onCancelled(Runnable action) {
            if (owner == null) {
                return;
            }
            synchronized (this) {
                if (!cancelled) {
                    actions.add(action);
                    return;
                }
            }
            run(action);
        }

        private void cancel() {
            List<Runnable> due;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                due = List.copyOf(actions);
                actions.clear();
            }
            due.forEach(Running::run);
        }

        private static void run(Runnable action) {
            Thread.ofVirtual().name("bulwark-cancel").start(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("cancelling a call failed: {}", e.toString());
                }
            });
        }

        @Override
        public void close() {
            if (owner != null) {
                owner.running.remove(key, this);
            }
        }
    }

    /** A call nobody can cancel (no session or id, or too many running). */
    static final Running NOT_CANCELLABLE = new Running(null, null);

    /** The {@code tools/call} with this id on this session is running until the returned handle is closed. */
    Running start(String session, String rpcId) {
        if (session == null || rpcId == null || running.size() >= MAX_RUNNING) {
            return NOT_CANCELLABLE;
        }
        Key key = new Key(session, rpcId);
        Running call = new Running(this, key);
        running.put(key, call);
        return call;
    }

    /** The agent on {@code session} cancelled its request {@code rpcId} (JSON text of the id). */
    public void cancel(String session, String rpcId) {
        if (session == null || rpcId == null) {
            return;
        }
        Running call = running.remove(new Key(session, rpcId));
        if (call != null) {
            call.cancel();
        }
    }
}
