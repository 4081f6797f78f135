package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.sql.KeptStatements;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept statements read what was committed before them, are prepared once per connection and dropped on failure. */
class PreparedReadsTest {
    @TempDir
    Path dir;

    /** A pool of one physical connection that it lends again and again, counting the statements prepared on it. */
    private static final class OneConnectionPool implements DataSource {
        final Connection physical;
        final AtomicInteger prepared = new AtomicInteger();
        final List<PreparedStatement> statements = new ArrayList<>();

        OneConnectionPool(DataSource source) throws SQLException {
            Connection raw = source.getConnection();
            physical = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(raw, method, args);
                        if (method.getName().equals("prepareStatement")) {
                            prepared.incrementAndGet();
                            statements.add((PreparedStatement) result);
                        }
                        return result;
                    });
        }

        @Override
        public Connection getConnection() {
            // the borrowed wrapper: closing it gives the connection back, unwrapping it gives the physical one
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> null;
                        case "unwrap" -> physical;
                        default -> invoke(physical, method, args);
                    });
        }

        private static Object invoke(Connection target, java.lang.reflect.Method method, Object[] args)
                throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

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
        assertThat(pool.prepared).hasValue(2);
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
        assertThat(pool.prepared).hasValue(1);
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
            assertThat(pool.statements.get(0).isClosed()).isTrue();
            int count = reads.use(c, sql, s -> {
                s.setString(1, "x");
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(count).isZero();
        }
        assertThat(pool.prepared).hasValue(2);
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
