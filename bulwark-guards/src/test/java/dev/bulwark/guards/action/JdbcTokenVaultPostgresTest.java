package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.EmbeddedPostgresServer;
import dev.bulwark.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two replicas' vaults on one PostgreSQL server (a real one, started from Maven binaries). */
class JdbcTokenVaultPostgresTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Test
    void twoReplicasShareTokensRestoreEachOthersAndAgreeUnderConcurrency() throws Exception {
        DataSource a = postgres.defaultDatabase();
        DataSource b = postgres.defaultDatabase();
        MutableClock clock = new MutableClock(JdbcTokenVaultTest.START);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Both replicas start at once on an empty database: creating the tables must not fail either.
            List<Future<JdbcTokenVault>> opened = pool.invokeAll(List.of(
                    () -> JdbcTokenVault.open(a, JdbcTokenVaultTest.KEY, JdbcTokenVaultTest.RESTORERS,
                            JdbcTokenVaultTest.LIMITS, clock),
                    () -> JdbcTokenVault.open(b, JdbcTokenVaultTest.KEY, JdbcTokenVaultTest.RESTORERS,
                            JdbcTokenVaultTest.LIMITS, clock)));
            JdbcTokenVault first = opened.get(0).get();
            JdbcTokenVault second = opened.get(1).get();
            assertThat(columnType(a, "iv")).isEqualTo("bytea");

            String token = first.tokenize("s1", "US_SSN", "536-22-8726");
            assertThat(second.tokenize("s1", "US_SSN", "536-22-8726")).isEqualTo(token);
            assertThat(second.restore(token, JdbcTokenVaultTest.auth("s1", "pii-restorer")))
                    .isEqualTo("536-22-8726");
            assertThatThrownBy(() -> second.restore(token, JdbcTokenVaultTest.auth("s2", "pii-restorer")))
                    .isInstanceOf(RestoreDeniedException.class);

            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                JdbcTokenVault v = i % 2 == 0 ? first : second;
                String value = "race" + (i % 4) + "@example.com";
                calls.add(() -> v.tokenize("s1", "EMAIL_ADDRESS", value) + "=" + value);
            }
            Set<String> pairs = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                pairs.add(f.get());
            }
            assertThat(pairs).as("one token per value, whichever replica asked").hasSize(4);
            assertThat(first.size()).isEqualTo(5);
            for (String pair : pairs) {
                String[] parts = pair.split("=", 2);
                assertThat(first.restore(parts[0], JdbcTokenVaultTest.auth("*", "pii-restorer")))
                        .isEqualTo(parts[1]);
            }

            String unicode = first.tokenize("séance-✓", "PERSON", "Zoë 🦄 \u0000 e\u0301");
            assertThat(second.restore(unicode, JdbcTokenVaultTest.auth("*", "pii-restorer")))
                    .isEqualTo("Zoë 🦄 \u0000 e\u0301");

            try (Connection c = a.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE pii_vault SET session_id = 's2' WHERE token = ?")) {
                s.setString(1, token);
                s.executeUpdate();
            }
            assertThatThrownBy(() -> second.restore(token, JdbcTokenVaultTest.auth("s2", "pii-restorer")))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> JdbcTokenVault.open(b, new byte[32], JdbcTokenVaultTest.RESTORERS,
                    JdbcTokenVaultTest.LIMITS, clock)).hasMessageContaining("another master key");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String columnType(DataSource db, String column) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'pii_vault' AND column_name = '"
                        + column + "'")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
