package dev.bulwark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSessionStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Principal alice = new Principal(new Agent("alice", "o@example.com", Set.of(), Map.of(),
            AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "jti-1", Set.of(), Instant.parse("2027-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private JdbcSessionStore store(int maxSessions) {
        DataSource db = SqliteSessionStoreContractTest.sqlite(dir.resolve("s.db"));
        return new JdbcSessionStore(db, Duration.ofMinutes(30), maxSessions, SessionLimits.defaults(), clock);
    }

    @Test
    void labelsSurviveARestart() throws Exception {
        JdbcSessionStore before = store(10);
        before.current("agent:alice", alice);
        before.recordCall("agent:alice", "web.fetch", Set.of("untrusted"));

        JdbcSessionStore after = store(10);

        assertThat(after.current("agent:alice", alice).labelsSeen()).containsExactly("untrusted");
    }

    @Test
    void refusesNewSessionsWhenFullButServesLiveOnes() throws Exception {
        JdbcSessionStore store = store(2);
        store.current("s1", alice);
        store.current("s2", alice);

        assertThatThrownBy(() -> store.current("s3", alice)).isInstanceOf(SessionRefusedException.class)
                .hasMessageContaining("too many");
        assertThat(store.current("s1", alice).id()).isEqualTo("s1");
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.current("s3", alice).callCount()).as("expired sessions make room").isZero();
    }

    @Test
    void purgeDeletesIdleSessionsWithTheirRowsAndKeepsLiveOnes() throws Exception {
        JdbcSessionStore store = store(10);
        store.current("idle", alice);
        store.recordCall("idle", "a.b", Set.of("secret"));
        store.replaceExtension("idle", "flow.index", 0, new byte[] {1});
        clock.advance(Duration.ofMinutes(20));
        store.current("live", alice);
        store.recordCall("live", "a.b", Set.of("untrusted"));
        clock.advance(Duration.ofMinutes(15));

        assertThat(store.purgeExpired()).isEqualTo(1);

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.current("live", alice).labelsSeen()).containsExactly("untrusted");
        assertThat(store.extension("idle", "flow.index")).isEmpty();
    }

    @Test
    void aToolNameWithANulIsRefusedAndTheSessionStaysReadable() throws Exception {
        JdbcSessionStore store = store(10);
        store.current("s", alice);
        store.recordCall("s", "web.fetch", Set.of());
        assertThatThrownBy(() -> store.recordCall("s", "a\u00003:xyz", Set.of("secret")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.current("s", alice).recentTools()).containsExactly("web.fetch");
    }

    @Test
    void oddSessionIdsAreStoredVerbatim() throws Exception {
        JdbcSessionStore store = store(10);
        for (String id : new String[] {"x".repeat(2000), "a'; DROP TABLE bulwark_sessions; --", "tâche-日本",
                "agent:a|user:b|task:c"}) {
            store.current(id, alice);
            store.recordCall(id, "a.b", Set.of("untrusted"));
            assertThat(store.current(id, alice).labelsSeen()).as(id).containsExactly("untrusted");
        }
        assertThat(store.size()).isEqualTo(4);
    }
}
