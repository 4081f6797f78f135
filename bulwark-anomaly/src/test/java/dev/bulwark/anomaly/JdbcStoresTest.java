package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.testkit.JdbcUrlDataSource;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.OneConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoresTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir
    Path dir;

    private static Anomaly anomaly(Instant t, AnomalyKind kind, String agent) {
        return new Anomaly(t, kind, "agent:" + agent, agent, null, "s1", "crm.get_customer", 7.5,
                "a \"quoted\" summary", Map.of("count", 7, "note", "line\nbreak"));
    }

    @Test
    void storesAnomaliesNewestFirstAndFiltersThem() {
        DataSource db = JdbcUrlDataSource.sqliteWal(dir.resolve("state.db"));
        JdbcAnomalyStore store = new JdbcAnomalyStore(db);
        store.record(anomaly(T0, AnomalyKind.CALL_RATE, "a"), List.of("alert"));
        store.record(anomaly(T0.plusSeconds(5), AnomalyKind.FIRST_USE, "b"), List.of("alert", "kill"));
        store.record(anomaly(T0.plusSeconds(9), AnomalyKind.CALL_RATE, "b"), List.of());
        List<StoredAnomaly> all = new JdbcAnomalyStore(db).list(10, null, null, null);
        assertEquals(3, all.size());
        assertEquals(T0.plusSeconds(9), all.get(0).anomaly().time());
        assertEquals(List.of("alert", "kill"), all.get(1).responses());
        assertEquals("{\"count\":7,\"note\":\"line\\u000abreak\"}", all.get(1).factsJson());
        assertEquals(2, store.list(10, "b", null, null).size());
        assertEquals(1, store.list(10, "b", AnomalyKind.CALL_RATE, null).size());
        assertEquals(2, store.list(10, null, null, T0.plusSeconds(5)).size());
        assertThrows(IllegalArgumentException.class, () -> store.list(0, null, null, null));
        assertEquals(1, store.purgeBefore(T0.plusSeconds(1)));
    }

    @Test
    void riskAddsUpWhileLiveAndLapsesAfterItsTime() {
        MutableClock clock = new MutableClock(T0);
        DataSource db = JdbcUrlDataSource.sqliteWal(dir.resolve("risk.db"));
        JdbcRiskLedger ledger = new JdbcRiskLedger(db, clock);
        assertEquals(0, ledger.riskMillis("agent:a"));
        ledger.raise("agent:a", 1000, Duration.ofMinutes(30));
        ledger.raise("agent:a", 500, Duration.ofMinutes(30));
        assertEquals(1500, new JdbcRiskLedger(db, clock).riskMillis("agent:a"));
        assertEquals(0, ledger.riskMillis("agent:b"));
        clock.advance(Duration.ofMinutes(31));
        assertEquals(0, ledger.riskMillis("agent:a"));
        ledger.raise("agent:a", 200, Duration.ofMinutes(30));
        assertEquals(200, ledger.riskMillis("agent:a"), "a lapsed entry starts over");
        ledger.raise("agent:a", JdbcRiskLedger.MAX_RISK_MILLIS, Duration.ofMinutes(30));
        assertEquals(JdbcRiskLedger.MAX_RISK_MILLIS, ledger.riskMillis("agent:a"), "saturates");
        ledger.clear("agent:a");
        assertEquals(0, ledger.riskMillis("agent:a"));
        assertThrows(IllegalArgumentException.class, () -> ledger.raise("agent:a", -1, Duration.ofMinutes(1)));
    }

    @Test
    void aPooledConnectionKeepsTheRiskReadPreparedAndStillSeesAnotherReplicasRaise() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
        DataSource db = JdbcUrlDataSource.sqliteWal(dir.resolve("kept.db"));
        OneConnectionPool pool = new OneConnectionPool(db);
        JdbcRiskLedger gateway = new JdbcRiskLedger(pool, clock);
        JdbcRiskLedger other = new JdbcRiskLedger(db, clock);
        assertEquals(0, gateway.riskMillis(List.of("agent:a", "user:u")));
        int afterFirst = pool.prepared().size();
        other.raise("agent:a", 700, Duration.ofMinutes(5));
        assertEquals(700, gateway.riskMillis(List.of("agent:a", "user:u")));
        other.raise("user:u", 300, Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            assertEquals(1000, gateway.riskMillis(List.of("agent:a", "user:u")));
        }
        assertEquals(afterFirst, pool.prepared().size(), "prepared once per connection and SQL");
        other.clear("agent:a");
        assertEquals(300, gateway.riskMillis(List.of("agent:a", "user:u")));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, gateway.riskMillis(List.of("agent:a", "user:u")), "lapsed");

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE bulwark_anomaly_risk");
        }
        assertThrows(IllegalStateException.class, () -> gateway.riskMillis("agent:a"), "fails closed, never 0");
        assertThrows(IllegalStateException.class, () -> gateway.riskMillis("agent:a"));
    }
}
