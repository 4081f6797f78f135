package dev.bulwark.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final InstantSource clock = () -> now;

    private static Principal principal(String agent, String user) {
        return new Principal(new Agent(agent, "o", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH),
                Optional.ofNullable(user).map(u -> new User(u, Set.of(), Map.of())), "jti", Set.of(),
                Instant.MAX);
    }

    private InMemorySessionStore store(int max) {
        return new InMemorySessionStore(Duration.ofMinutes(10), max, clock);
    }

    @Test
    void opensAFreshSessionOnFirstUse() throws Exception {
        SessionFacts facts = store(10).current("s1", principal("alice", null));

        assertThat(facts).isEqualTo(SessionFacts.fresh("s1", now));
    }

    @Test
    void recordsCallsAndTheLabelsTheyDelivered() throws Exception {
        InMemorySessionStore sessions = store(10);
        Principal alice = principal("alice", null);
        sessions.current("s1", alice);

        sessions.recordCall("s1", "web.fetch", Set.of("untrusted"));
        sessions.recordCall("s1", "docs.read", Set.of("pii", "internal"));

        SessionFacts facts = sessions.current("s1", alice);
        assertThat(facts.callCount()).isEqualTo(2);
        assertThat(facts.labelsSeen()).containsExactlyInAnyOrder("untrusted", "pii", "internal");
        assertThat(facts.recentTools()).containsExactly("web.fetch", "docs.read");
    }

    @Test
    void keepsOnlyTheMostRecentToolNames() throws Exception {
        InMemorySessionStore sessions = store(10);
        Principal alice = principal("alice", null);
        sessions.current("s1", alice);
        for (int i = 0; i < 30; i++) {
            sessions.recordCall("s1", "t.n" + i, Set.of());
        }

        SessionFacts facts = sessions.current("s1", alice);

        assertThat(facts.recentTools()).hasSize(InMemorySessionStore.RECENT_TOOLS).endsWith("t.n29")
                .startsWith("t.n10");
        assertThat(facts.callCount()).isEqualTo(30);
    }

    @Test
    void refusesASessionIdPresentedByAnotherAgent() throws Exception {
        InMemorySessionStore sessions = store(10);
        sessions.current("s1", principal("alice", null));

        assertThatThrownBy(() -> sessions.current("s1", principal("mallory", null)))
                .isInstanceOf(SessionRefusedException.class).hasMessageContaining("another principal");
    }

    @Test
    void refusesASessionIdPresentedForAnotherUser() throws Exception {
        InMemorySessionStore sessions = store(10);
        sessions.current("s1", principal("alice", "u1"));

        assertThatThrownBy(() -> sessions.current("s1", principal("alice", "u2")))
                .isInstanceOf(SessionRefusedException.class);
        assertThatThrownBy(() -> sessions.current("s1", principal("alice", null)))
                .isInstanceOf(SessionRefusedException.class);
    }

    @Test
    void forgetsASessionIdleLongerThanTheTimeout() throws Exception {
        InMemorySessionStore sessions = store(10);
        sessions.current("s1", principal("alice", null));
        sessions.recordCall("s1", "web.fetch", Set.of("untrusted"));

        now = now.plus(Duration.ofMinutes(11));

        assertThat(sessions.sweepExpired()).isEqualTo(1);
        assertThat(sessions.size()).isZero();
        assertThat(sessions.current("s1", principal("bob", null)).callCount()).isZero();
    }

    @Test
    void keepsASessionThatIsUsedWithinTheTimeout() throws Exception {
        InMemorySessionStore sessions = store(10);
        Principal alice = principal("alice", null);
        sessions.current("s1", alice);
        sessions.recordCall("s1", "a.b", Set.of("pii"));
        for (int i = 0; i < 5; i++) {
            now = now.plus(Duration.ofMinutes(8));
            sessions.current("s1", alice);
        }

        assertThat(sessions.sweepExpired()).isZero();
        assertThat(sessions.current("s1", alice).labelsSeen()).containsExactly("pii");
    }

    @Test
    void refusesNewSessionsWhenFullButKeepsLiveOnes() throws Exception {
        InMemorySessionStore sessions = store(2);
        Principal alice = principal("alice", null);
        sessions.current("s1", alice);
        sessions.current("s2", alice);

        assertThatThrownBy(() -> sessions.current("s3", alice)).isInstanceOf(SessionRefusedException.class)
                .hasMessageContaining("too many");
        assertThat(sessions.current("s1", alice)).isNotNull();

        now = now.plus(Duration.ofMinutes(11));
        assertThat(sessions.current("s3", alice).id()).isEqualTo("s3");
    }

    @Test
    void refusesToRecordIntoAnUnknownSession() {
        assertThatThrownBy(() -> store(10).recordCall("nope", "a.b", Set.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> new InMemorySessionStore(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemorySessionStore(Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
