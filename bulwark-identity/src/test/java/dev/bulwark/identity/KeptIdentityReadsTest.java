package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.sql.KeptStatements;
import dev.bulwark.testkit.OneConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept statements read what was committed before them, are prepared once per connection and dropped on failure. */
class KeptIdentityReadsTest {
    @TempDir
    Path dir;

    @Test
    void aRevocationCommittedOnAnotherConnectionIsSeenByTheNextCheck() throws Exception {
        DataSource plain = Fixture.sqlite(dir.resolve("state.db"));
        SqlRevocationList writer = new SqlRevocationList(plain);
        OneConnectionPool pool = new OneConnectionPool(plain);
        SqlRevocationList checker = new SqlRevocationList(pool);
        Instant issued = Instant.now().minusSeconds(60);
        for (int i = 0; i < 20; i++) {
            assertThat(checker.anyRevoked(List.of("jti-1"), "bot", issued)).isFalse();
            assertThat(checker.anyRevoked(List.of(), "bot", issued)).isFalse();
        }
        writer.revoke("jti-1", Instant.now().plusSeconds(600));
        assertThat(checker.anyRevoked(List.of("jti-1"), "bot", issued)).isTrue();
        assertThat(checker.anyRevoked(List.of("jti-2"), "bot", issued)).isFalse();
        writer.revokeTokensOf("bot");
        assertThat(checker.anyRevoked(List.of(), "bot", issued)).isTrue();
        assertThat(checker.anyRevoked(List.of("jti-2"), "other", issued)).isFalse();
        // two texts (no ids, one id), each prepared once on the one connection
        assertThat(pool.prepared()).hasSize(2);
    }

    @Test
    void anAgentSuspendedOnAnotherConnectionIsReadSuspendedAtOnce() throws Exception {
        DataSource plain = Fixture.sqlite(dir.resolve("state.db"));
        SqlAgentStore admin = new SqlAgentStore(plain, Clock.systemUTC());
        admin.register("bot", "team", Set.of("reader"), Map.of("department", "finance"));
        OneConnectionPool pool = new OneConnectionPool(plain);
        SqlAgentStore gate = new SqlAgentStore(pool, Clock.systemUTC());
        for (int i = 0; i < 20; i++) {
            assertThat(gate.find("bot")).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AgentStatus.ACTIVE));
            assertThat(gate.find("nobody")).isEmpty();
        }
        admin.suspend("bot");
        assertThat(gate.find("bot")).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AgentStatus.SUSPENDED));
        admin.activate("bot");
        assertThat(gate.find("bot")).hasValueSatisfying(a -> {
            assertThat(a.status()).isEqualTo(AgentStatus.ACTIVE);
            assertThat(a.roles()).containsExactly("reader");
            assertThat(a.attributes()).containsExactlyEntriesOf(Map.of("department", "finance"));
        });
        assertThat(pool.prepared()).hasSize(1);
    }

    @Test
    void aStatementWhoseReadFailedIsClosedAndPreparedAgain() throws Exception {
        DataSource plain = Fixture.sqlite(dir.resolve("state.db"));
        new SqlAgentStore(plain, Clock.systemUTC());
        OneConnectionPool pool = new OneConnectionPool(plain);
        KeptStatements reads = new KeptStatements();
        String sql = "SELECT count(*) FROM " + Sql.AGENTS + " WHERE id = ?";
        try (Connection c = pool.getConnection()) {
            assertThatThrownBy(() -> reads.use(c, sql, s -> {
                throw new SQLException("broken");
            })).hasMessage("broken");
            assertThat(pool.prepared().get(0).isClosed()).isTrue();
            int count = reads.use(c, sql, s -> {
                s.setString(1, "x");
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(count).isZero();
        }
        assertThat(pool.prepared()).hasSize(2);
    }

    @Test
    void statementsOfClosedConnectionsAreForgotten() throws Exception {
        DataSource plain = Fixture.sqlite(dir.resolve("state.db"));
        SqlAgentStore agents = new SqlAgentStore(plain, Clock.systemUTC());
        agents.register("bot", "team", Set.of(), Map.of());
        KeptStatements reads = new KeptStatements();
        for (int i = 0; i < 50; i++) {
            try (Connection c = plain.getConnection()) {
                reads.use(c, "SELECT 1", s -> {
                    try (var rs = s.executeQuery()) {
                        return rs.next();
                    }
                });
            }
            assertThat(agents.find("bot")).isPresent();
        }
        assertThat(reads.connections()).isLessThanOrEqualTo(1);
    }
}
