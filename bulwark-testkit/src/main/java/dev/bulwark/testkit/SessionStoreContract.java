package dev.bulwark.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.session.SessionExtension;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.spi.session.SessionStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link SessionStore} keeps, run against each implementation by extending this class. {@link #replica}
 * gives a second store on the same backing state (another gateway on the same database), so the concurrency tests
 * check that two replicas updating one session at once lose nothing.
 */
public abstract class SessionStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    protected static final Duration TTL = Duration.ofMinutes(30);
    /** Unique per test instance, so stores on a shared database need no cleaning. */
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** A store with this idle timeout and these limits, reading time from {@link #clock}. */
    protected abstract SessionStore store(Duration ttl, SessionLimits limits);

    /** Another store on the same backing state as {@code store} (the same instance when state is in memory). */
    protected abstract SessionStore replica(SessionStore store, Duration ttl, SessionLimits limits);

    protected static Principal principal(String agentId, String userId) {
        Agent agent = new Agent(agentId, "owner@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE,
                Instant.parse("2026-01-01T00:00:00Z"));
        return new Principal(agent, Optional.ofNullable(userId).map(u -> new User(u, Set.of(), Map.of())),
                "jti-" + agentId, Set.of(), Instant.parse("2027-01-01T00:00:00Z"));
    }

    private String id(String name) {
        return prefix + name;
    }

    private final Principal alice = principal("alice", null);

    @Test
    void opensAFreshSessionOnFirstUse() throws Exception {
        SessionFacts facts = store(TTL, SessionLimits.defaults()).current(id("s"), alice);
        assertEquals(SessionFacts.fresh(id("s"), clock.instant()), facts);
    }

    @Test
    void recordsCallsAndUnionsLabels() throws Exception {
        SessionStore store = store(TTL, SessionLimits.defaults());
        store.current(id("s"), alice);
        store.recordCall(id("s"), "crm.get", Set.of("pii"));
        store.recordCall(id("s"), "web.fetch", Set.of("untrusted", "pii"));
        SessionFacts facts = store.current(id("s"), alice);
        assertEquals(2, facts.callCount());
        assertEquals(Set.of("pii", "untrusted"), facts.labelsSeen());
        assertEquals(List.of("crm.get", "web.fetch"), facts.recentTools());
    }

    @Test
    void keepsOnlyTheMostRecentTools() throws Exception {
        SessionStore store = store(TTL, new SessionLimits(64, 128, 3, 8, 1024));
        store.current(id("s"), alice);
        for (int i = 0; i < 7; i++) {
            store.recordCall(id("s"), "t.n" + i, Set.of());
        }
        SessionFacts facts = store.current(id("s"), alice);
        assertEquals(List.of("t.n4", "t.n5", "t.n6"), facts.recentTools());
        assertEquals(7, facts.callCount());
    }

    @Test
    void keepsToolNamesAndLabelsVerbatimWhateverCharactersTheyHold() throws Exception {
        SessionStore store = store(TTL, SessionLimits.defaults());
        List<String> tools = List.of("a:b", "12:x", "3:", ":", "0", "日本.ツール", "emoji.\uD83D\uDE00", "tab\there",
                "x".repeat(SessionLimits.MAX_TOOL_NAME_LENGTH), "'; DROP TABLE x; --");
        Set<String> labels = Set.of("pii:email", "7:seven", "ünïcode", "\uD83D\uDE00", "l".repeat(64), ":");
        store.current(id("s"), alice);
        for (String tool : tools) {
            store.recordCall(id("s"), tool, labels);
        }
        SessionFacts facts = replica(store, TTL, SessionLimits.defaults()).current(id("s"), alice);
        assertEquals(tools, facts.recentTools());
        assertEquals(labels, facts.labelsSeen());
    }

    @Test
    void refusesAnotherPrincipalOnTheSameId() throws Exception {
        SessionStore store = store(TTL, SessionLimits.defaults());
        store.current(id("s"), alice);
        assertThrows(SessionRefusedException.class, () -> store.current(id("s"), principal("bob", null)));
        assertThrows(SessionRefusedException.class, () -> store.current(id("s"), principal("alice", "carol")));
        assertEquals(0, store.current(id("s"), alice).callCount());
    }

    @Test
    void refusesALabelBeyondTheBoundAndKeepsEveryLabelAlreadySeen() throws Exception {
        SessionStore store = store(TTL, new SessionLimits(3, 16, 5, 8, 1024));
        store.current(id("s"), alice);
        store.recordCall(id("s"), "a.b", Set.of("untrusted", "secret", "pii"));
        assertThrows(IllegalStateException.class, () -> store.recordCall(id("s"), "a.b", Set.of("internal")));
        store.recordCall(id("s"), "a.b", Set.of("untrusted"));
        SessionFacts facts = store.current(id("s"), alice);
        assertEquals(Set.of("untrusted", "secret", "pii"), facts.labelsSeen());
        assertEquals(2, facts.callCount(), "the refused call is not counted");
    }

    @Test
    void refusesHostileLabels() throws Exception {
        SessionStore store = store(TTL, new SessionLimits(8, 16, 5, 8, 1024));
        store.current(id("s"), alice);
        assertThrows(IllegalStateException.class, () -> store.recordCall(id("s"), "a.b", Set.of("x".repeat(17))));
        assertThrows(IllegalStateException.class, () -> store.recordCall(id("s"), "a.b", Set.of("a\u0000b")));
        assertEquals(Set.of(), store.current(id("s"), alice).labelsSeen());
    }

    @Test
    void recordingOnAnUnknownSessionFails() {
        SessionStore store = store(TTL, SessionLimits.defaults());
        assertThrows(IllegalStateException.class, () -> store.recordCall(id("never"), "a.b", Set.of("pii")));
    }

    @Test
    void anIdleSessionExpiresAndAnActiveOneDoesNot() throws Exception {
        SessionStore store = store(TTL, SessionLimits.defaults());
        store.current(id("idle"), alice);
        store.recordCall(id("idle"), "a.b", Set.of("untrusted"));
        store.current(id("busy"), alice);
        store.recordCall(id("busy"), "a.b", Set.of("untrusted"));
        clock.advance(TTL.minusMinutes(1));
        store.current(id("busy"), alice);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Set.of("untrusted"), store.current(id("busy"), alice).labelsSeen());
        SessionFacts idle = store.current(id("idle"), principal("bob", null));
        assertEquals(0, idle.callCount(), "an expired id starts afresh, for anyone");
        assertEquals(Set.of(), idle.labelsSeen());
    }

    @Test
    void extensionsAreVersionedAndReplacedOnlyFromTheVersionRead() throws Exception {
        SessionStore store = store(TTL, SessionLimits.defaults());
        store.current(id("s"), alice);
        assertTrue(store.extension(id("s"), "flow.index").isEmpty());
        assertTrue(store.replaceExtension(id("s"), "flow.index", 0, new byte[] {1, 2}));
        assertFalse(store.replaceExtension(id("s"), "flow.index", 0, new byte[] {9}), "stale version");
        assertTrue(store.replaceExtension(id("s"), "flow.index", 1, new byte[] {3}));
        SessionExtension ext = store.extension(id("s"), "flow.index").orElseThrow();
        assertEquals(2, ext.version());
        assertArrayEquals(new byte[] {3}, ext.data());
        assertArrayEquals(new byte[] {3}, replica(store, TTL, SessionLimits.defaults())
                .extension(id("s"), "flow.index").orElseThrow().data());
    }

    @Test
    void boundsExtensionsBySizeCountAndName() throws Exception {
        SessionStore store = store(TTL, new SessionLimits(8, 16, 5, 2, 4));
        store.current(id("s"), alice);
        assertThrows(IllegalArgumentException.class, () -> store.replaceExtension(id("s"), "a", 0, new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> store.replaceExtension(id("s"), "A B", 0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.replaceExtension(id("s"), "x".repeat(65), 0,
                new byte[1]));
        assertTrue(store.replaceExtension(id("s"), "a", 0, new byte[4]));
        assertTrue(store.replaceExtension(id("s"), "b", 0, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> store.replaceExtension(id("s"), "c", 0, new byte[1]));
        assertTrue(store.replaceExtension(id("s"), "a", 1, new byte[0]), "replacing an existing one is fine");
        assertThrows(IllegalStateException.class, () -> store.replaceExtension(id("none"), "a", 0, new byte[1]));
    }

    @Test
    void concurrentCallsOnTwoReplicasLoseNoLabelAndNoCount() throws Exception {
        SessionLimits limits = new SessionLimits(1000, 32, 20, 8, 1024);
        SessionStore first = store(TTL, limits);
        SessionStore second = replica(first, TTL, limits);
        first.current(id("s"), alice);
        int threads = 4;
        int calls = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SessionStore store = t % 2 == 0 ? first : second;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        store.recordCall(id("s"), "tool.t" + thread, Set.of("l-" + thread + "-" + i, "untrusted"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        SessionFacts facts = second.current(id("s"), alice);
        Set<String> expected = new HashSet<>();
        expected.add("untrusted");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < calls; i++) {
                expected.add("l-" + t + "-" + i);
            }
        }
        assertEquals(expected, facts.labelsSeen());
        assertEquals(threads * calls, facts.callCount());
        assertEquals(20, facts.recentTools().size());
    }

    @Test
    void concurrentExtensionUpdatesOnTwoReplicasLoseNone() throws Exception {
        SessionStore first = store(TTL, SessionLimits.defaults());
        SessionStore second = replica(first, TTL, SessionLimits.defaults());
        first.current(id("s"), alice);
        int threads = 4;
        int increments = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SessionStore store = t % 2 == 0 ? first : second;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Optional<SessionExtension> now = store.extension(id("s"), "counter");
                            long version = now.map(SessionExtension::version).orElse(0L);
                            long value = now.map(e -> ByteBuffer.wrap(e.data()).getLong()).orElse(0L);
                            byte[] next = ByteBuffer.allocate(8).putLong(value + 1).array();
                            if (store.replaceExtension(id("s"), "counter", version, next)) {
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        SessionExtension counter = first.extension(id("s"), "counter").orElseThrow();
        assertEquals(threads * increments, ByteBuffer.wrap(counter.data()).getLong());
        assertEquals(threads * increments, counter.version());
    }
}
