package dev.bulwark.engine.session;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionExtension;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.spi.session.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions in this process's memory, for a single gateway. Bounded: a session idle longer than {@code idleTimeout}
 * is forgotten, and at most about {@code maxSessions} are kept; when full, new sessions are refused rather than
 * evicting live ones, because forgetting a live session would forget the labels its data carried.
 *
 * <p>The idle timeout should be at least the front door's session lifetime: an id reused after expiry starts afresh.
 */
public final class InMemorySessionStore implements SessionStore {
    static final int RECENT_TOOLS = SessionLimits.defaults().recentTools();
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final int maxSessions;
    private final InstantSource clock;
    private final SessionLimits limits;
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

    public InMemorySessionStore(Duration idleTimeout, int maxSessions, InstantSource clock) {
        this(idleTimeout, maxSessions, clock, SessionLimits.defaults());
    }

    public InMemorySessionStore(Duration idleTimeout, int maxSessions, InstantSource clock, SessionLimits limits) {
        this.limits = Checks.present(limits, "limits");
        Checks.present(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = Checks.present(clock, "clock");
    }

    public InMemorySessionStore(Duration idleTimeout, int maxSessions) {
        this(idleTimeout, maxSessions, InstantSource.system());
    }

    @Override
    public SessionFacts current(String sessionId, Principal principal) throws SessionRefusedException {
        Checks.nonBlank(sessionId, "sessionId");
        Owner owner = Owner.of(Checks.present(principal, "principal"));
        Instant now = clock.instant();
        maybeSweep(now);
        if (!sessions.containsKey(sessionId) && sessions.size() >= maxSessions) {
            sweepExpired();
            if (sessions.size() >= maxSessions) {
                throw new SessionRefusedException("too many active sessions; try again later");
            }
        }
        boolean[] foreign = new boolean[1];
        Entry entry = sessions.compute(sessionId, (id, old) -> {
            if (old == null || old.expiredAt(now, idleTimeout)) {
                return new Entry(owner, SessionFacts.fresh(id, now), now, Map.of());
            }
            if (!old.owner.equals(owner)) {
                foreign[0] = true;
                return old;
            }
            return new Entry(old.owner, old.facts, now, old.extensions);
        });
        if (foreign[0]) {
            throw new SessionRefusedException("session " + sessionId + " belongs to another principal");
        }
        return entry.facts;
    }

    @Override
    public void recordCall(String sessionId, String toolName, Set<String> labelsSeen) {
        Checks.nonBlank(toolName, "toolName");
        Checks.present(labelsSeen, "labelsSeen");
        labelsSeen.forEach(limits::checkLabel);
        Instant now = clock.instant();
        Entry updated = sessions.computeIfPresent(Checks.nonBlank(sessionId, "sessionId"),
                (id, old) -> new Entry(old.owner, withCall(old.facts, toolName, labelsSeen, limits), now,
                        old.extensions));
        if (updated == null) {
            throw new IllegalStateException("session " + sessionId + " is not open");
        }
    }

    @Override
    public Optional<SessionExtension> extension(String sessionId, String name) {
        Entry entry = sessions.get(Checks.nonBlank(sessionId, "sessionId"));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.extensions.get(name));
    }

    @Override
    public boolean replaceExtension(String sessionId, String name, long expectedVersion, byte[] data) {
        limits.checkExtension(name, data);
        boolean[] replaced = new boolean[1];
        Entry updated = sessions.computeIfPresent(Checks.nonBlank(sessionId, "sessionId"), (id, old) -> {
            SessionExtension current = old.extensions.get(name);
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion) {
                return old;
            }
            if (current == null && old.extensions.size() >= limits.maxExtensions()) {
                throw new IllegalArgumentException("session holds " + limits.maxExtensions() + " extensions already");
            }
            Map<String, SessionExtension> copy = new java.util.HashMap<>(old.extensions);
            copy.put(name, new SessionExtension(name, version + 1, data));
            replaced[0] = true;
            return new Entry(old.owner, old.facts, old.lastUsed, Map.copyOf(copy));
        });
        if (updated == null) {
            throw new IllegalStateException("session " + sessionId + " is not open");
        }
        return replaced[0];
    }

    /** Forgets every session idle longer than the timeout; returns how many were forgotten. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().removeIf(e -> e.expiredAt(now, idleTimeout));
        return Math.max(0, before - sessions.size());
    }

    /** Sessions currently kept, expired or not. */
    public int size() {
        return sessions.size();
    }

    private void maybeSweep(Instant now) {
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            sessions.values().removeIf(e -> e.expiredAt(now, idleTimeout));
        }
    }

    /** Who opened a session: the agent and, under delegation, the user. */
    private record Owner(String agentId, String userId) {
        static Owner of(Principal principal) {
            return new Owner(principal.agent().id(), principal.userIdOrNull());
        }
    }

    private record Entry(Owner owner, SessionFacts facts, Instant lastUsed,
                         Map<String, SessionExtension> extensions) {
        boolean expiredAt(Instant now, Duration idleTimeout) {
            return lastUsed.plus(idleTimeout).isBefore(now);
        }
    }

    private static SessionFacts withCall(SessionFacts facts, String toolName, Set<String> labels,
                                         SessionLimits limits) {
        Set<String> seen = facts.labelsSeen();
        if (!seen.containsAll(labels)) {
            Set<String> union = new LinkedHashSet<>(seen);
            union.addAll(labels);
            if (union.size() > limits.maxLabels()) {
                // refusing keeps every label already seen; the caller withholds the output that carried the new ones
                throw new IllegalStateException("session would hold more than " + limits.maxLabels() + " labels");
            }
            seen = union;
        }
        List<String> recent = new ArrayList<>(facts.recentTools());
        recent.add(toolName);
        if (recent.size() > limits.recentTools()) {
            recent = recent.subList(recent.size() - limits.recentTools(), recent.size());
        }
        return new SessionFacts(facts.id(), facts.startedAt(), facts.callCount() + 1, seen, recent, facts.risk());
    }
}
