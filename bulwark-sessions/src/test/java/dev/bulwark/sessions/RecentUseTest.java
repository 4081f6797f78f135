package dev.bulwark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session used within the last second is read without writing its last use; what that may and may not change. */
class RecentUseTest {
    private static final Duration TTL = Duration.ofMinutes(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Principal alice = principal("alice");

    @TempDir
    Path dir;
    private DataSource db;
    private JdbcSessionStore store;

    @BeforeEach
    void open() {
        db = SqliteSessionStoreContractTest.sqlite(dir.resolve("s.db"));
        store = new JdbcSessionStore(db, TTL, 100, SessionLimits.defaults(), clock);
    }

    private static Principal principal(String agent) {
        return new Principal(new Agent(agent, "o@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH),
                Optional.empty(), "jti-" + agent, Set.of(), Instant.parse("2027-01-01T00:00:00Z"));
    }

    private long lastUsed(String id) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_used FROM bulwark_sessions WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getLong(1);
            }
        }
    }

    @Test
    void aSessionUsedWithinTheLastSecondIsReadWithoutWritingItsLastUse() throws Exception {
        store.current("s", alice);
        store.recordCall("s", "web.fetch", Set.of("untrusted"));
        long recorded = clock.millis();

        clock.advance(Duration.ofMillis(1_000));
        SessionFacts read = store.current("s", alice);
        assertThat(lastUsed("s")).isEqualTo(recorded);
        assertThat(read.callCount()).isEqualTo(1);
        assertThat(read.labelsSeen()).containsExactly("untrusted");
        assertThat(read.recentTools()).containsExactly("web.fetch");

        clock.advance(Duration.ofMillis(1));
        SessionFacts written = store.current("s", alice);
        assertThat(lastUsed("s")).as("older than a second: written again").isEqualTo(clock.millis());
        assertThat(written).isEqualTo(read);
    }

    @Test
    void aSessionOnlyReadExpiresAtMostASecondBeforeItsIdleTimeoutNeverAfter() throws Exception {
        store.current("s", alice);
        store.recordCall("s", "web.fetch", Set.of("untrusted"));
        Instant recorded = clock.instant();
        clock.advance(Duration.ofMillis(999));
        store.current("s", alice); // read only: the recorded last use stays
        clock.set(recorded.plus(TTL));
        assertThat(store.current("s", alice).labelsSeen()).as("open for the timeout after the last write")
                .containsExactly("untrusted");

        store.recordCall("s", "web.fetch", Set.of());
        Instant second = clock.instant();
        clock.advance(Duration.ofMillis(999));
        store.current("s", alice);
        clock.set(second.plus(TTL).plusMillis(1)); // 998 ms before the timeout counted from the last read
        SessionFacts fresh = store.current("s", alice);
        assertThat(fresh.callCount()).isZero();
        assertThat(fresh.labelsSeen()).isEmpty();
    }

    @Test
    void anotherPrincipalOnARecentlyUsedIdIsRefusedAndLearnsNothing() throws Exception {
        store.current("s", alice);
        store.recordCall("s", "mail.read", Set.of("secret"));
        assertThatThrownBy(() -> store.current("s", principal("mallory")))
                .isInstanceOf(SessionRefusedException.class);
        assertThat(store.current("s", alice).labelsSeen()).containsExactly("secret");
    }

    @Test
    void whatAnotherReplicaRecordedIsSeenByTheNextRead() throws Exception {
        JdbcSessionStore other = new JdbcSessionStore(db, TTL, 100, SessionLimits.defaults(), clock);
        store.current("s", alice);
        store.recordCall("s", "web.fetch", Set.of());
        other.recordCall("s", "mail.send", Set.of("secret"));
        SessionFacts seen = store.current("s", alice);
        assertThat(seen.labelsSeen()).containsExactly("secret");
        assertThat(seen.callCount()).isEqualTo(2);
        assertThat(seen.recentTools()).containsExactly("web.fetch", "mail.send");
    }

    @Test
    void aSessionPurgedByAnotherReplicaStartsAfreshOnItsNextUse() throws Exception {
        store.current("s", alice);
        store.recordCall("s", "web.fetch", Set.of("untrusted"));
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bulwark_sessions");
        }
        SessionFacts fresh = store.current("s", alice);
        assertThat(fresh.callCount()).isZero();
        assertThat(fresh.labelsSeen()).as("orphaned label rows do not come back").isEmpty();
    }
}
