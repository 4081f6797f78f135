package dev.bulwark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.OneConnectionPool;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store keeps its statements prepared per pooled connection, yet reads the database every time, and prepares
 * afresh on a connection that replaced a broken one or whose statements were closed under it.
 */
class KeptSessionStatementsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Principal alice = new Principal(new Agent("alice", "o@example.com", Set.of(), Map.of(),
            AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "jti-1", Set.of(), Instant.parse("2027-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private JdbcSessionStore store(DataSource db) {
        return new JdbcSessionStore(db, Duration.ofMinutes(30), 100, SessionLimits.defaults(), clock);
    }

    @Test
    void aReplicaSeesWhatAnotherReplicaCommittedAndPreparesEachStatementOnce() throws Exception {
        DataSource plain = SqliteSessionStoreContractTest.sqlite(dir.resolve("s.db"));
        JdbcSessionStore other = store(plain);
        OneConnectionPool pool = new OneConnectionPool(plain);
        JdbcSessionStore gate = store(pool);
        gate.current("s1", alice);
        int afterFirst = pool.prepared().size();
        // past the recent-tools window (20), so the trimming statement is prepared too
        for (int i = 0; i < 25; i++) {
            gate.current("s1", alice);
            gate.recordCall("s1", "web.fetch", Set.of());
        }
        int steady = pool.prepared().size();
        for (int i = 0; i < 15; i++) {
            gate.current("s1", alice);
            gate.recordCall("s1", "web.fetch", Set.of());
        }
        assertThat(pool.prepared()).as("no statement prepared again in the steady state").hasSize(steady);
        assertThat(steady).isGreaterThan(afterFirst);

        other.recordCall("s1", "mail.send", Set.of("secret"));

        SessionFacts seen = gate.current("s1", alice);
        assertThat(seen.labelsSeen()).containsExactly("secret");
        assertThat(seen.callCount()).isEqualTo(41);
        assertThat(seen.recentTools()).last().isEqualTo("mail.send");
    }

    @Test
    void aBrokenConnectionIsReplacedAndItsSuccessorGetsFreshStatements() throws Exception {
        OneConnectionPool pool = new OneConnectionPool(SqliteSessionStoreContractTest.sqlite(dir.resolve("s.db")));
        JdbcSessionStore gate = store(pool);
        gate.current("s1", alice);
        gate.recordCall("s1", "web.fetch", Set.of("untrusted"));
        int beforeBreak = pool.prepared().size();

        pool.breakConnection();
        SessionFacts seen = gate.current("s1", alice);
        gate.recordCall("s1", "web.fetch", Set.of());

        assertThat(pool.physicalConnections()).isEqualTo(2);
        // the driver finalizes a closed connection's statements; the store forgets them once it sees the successor
        assertThat(pool.prepared().subList(0, beforeBreak)).allMatch(KeptSessionStatementsTest::onAClosedConnection);
        assertThat(gate.keptConnections()).isEqualTo(1);
        assertThat(pool.prepared()).hasSizeGreaterThan(beforeBreak);
        assertThat(seen.labelsSeen()).containsExactly("untrusted");
        assertThat(gate.current("s1", alice).callCount()).isEqualTo(2);
    }

    @Test
    void statementsClosedUnderTheStoreArePreparedAgain() throws Exception {
        OneConnectionPool pool = new OneConnectionPool(SqliteSessionStoreContractTest.sqlite(dir.resolve("s.db")));
        JdbcSessionStore gate = store(pool);
        gate.current("s1", alice);
        gate.recordCall("s1", "web.fetch", Set.of("untrusted"));
        for (PreparedStatement s : pool.prepared()) {
            s.close();
        }
        int beforeReprepare = pool.prepared().size();

        gate.recordCall("s1", "web.fetch", Set.of("untrusted"));
        SessionFacts seen = gate.current("s1", alice);

        assertThat(pool.prepared()).hasSizeGreaterThan(beforeReprepare);
        assertThat(seen.callCount()).isEqualTo(2);
        assertThat(seen.labelsSeen()).containsExactly("untrusted");
        assertThat(pool.physicalConnections()).isEqualTo(1);
    }

    private static boolean onAClosedConnection(PreparedStatement s) {
        try {
            return s.isClosed() || s.getConnection().isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
