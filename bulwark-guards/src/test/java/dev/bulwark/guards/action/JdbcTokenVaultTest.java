package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolResult;
import dev.bulwark.testkit.JdbcUrlDataSource;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.SwitchableDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcTokenVaultTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final byte[] KEY = new byte[32];
    static final RestorePolicy RESTORERS = RestorePolicy.roleInSession("pii-restorer");
    static final JdbcTokenVault.Limits LIMITS = new JdbcTokenVault.Limits(1_000, Duration.ofDays(30));

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @TempDir
    Path dir;
    private DataSource db;
    private final MutableClock clock = new MutableClock(START);
    private JdbcTokenVault vault;

    @BeforeEach
    void open() {
        db = JdbcUrlDataSource.sqliteWal(dir.resolve("vault.db"));
        vault = JdbcTokenVault.open(db, KEY, RESTORERS, LIMITS, clock);
    }

    static RestoreAuthorisation auth(String session, String... roles) {
        return new RestoreAuthorisation("alice", Set.of(roles), session, "customer asked for a copy");
    }

    @Test
    void sameValueGetsSameTokenWithinASessionAndOneRow() {
        String a = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        String b = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        assertThat(a).isEqualTo(b).matches("<EMAIL_TK_[0-9a-f]{16}>");
        assertThat(vault.size()).isEqualTo(1);
    }

    @Test
    void tokensMatchTheInMemoryVaultsAndDifferAcrossSessionsTypesAndValues() {
        String a = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        assertThat(new AesGcmTokenVault(KEY, RESTORERS, 10).tokenize("s1", "EMAIL_ADDRESS", "jane@example.com"))
                .isEqualTo(a);
        Set<String> others = Set.of(vault.tokenize("s2", "EMAIL_ADDRESS", "jane@example.com"),
                vault.tokenize("s1", "PERSON", "jane@example.com"),
                vault.tokenize("s1", "EMAIL_ADDRESS", "john@example.com"));
        assertThat(others).hasSize(3).doesNotContain(a);
    }

    @Test
    void anotherInstanceOnTheSameDatabaseGivesTheSameTokenAndRestoresIt() {
        String token = vault.tokenize("s1", "US_SSN", "536-22-8726");
        JdbcTokenVault restarted = JdbcTokenVault.open(JdbcUrlDataSource.sqliteWal(dir.resolve("vault.db")), KEY, RESTORERS,
                LIMITS, clock);
        assertThat(restarted.tokenize("s1", "US_SSN", "536-22-8726")).isEqualTo(token);
        assertThat(restarted.restore(token, auth("s1", "pii-restorer"))).isEqualTo("536-22-8726");
        assertThat(restarted.size()).isEqualTo(1);
    }

    @Test
    void restoresOnlyForTheRoleInTheTokensSessionOrEverySession() {
        String token = vault.tokenize("s1", "US_SSN", "536-22-8726");
        assertThat(vault.restore(token, auth("s1", "pii-restorer"))).isEqualTo("536-22-8726");
        assertThat(vault.restore(token, auth("*", "pii-restorer"))).isEqualTo("536-22-8726");
        assertThatThrownBy(() -> vault.restore(token, auth("s1", "viewer")))
                .isInstanceOf(RestoreDeniedException.class).hasMessageContaining("not authorised");
        assertThatThrownBy(() -> vault.restore(token, auth("s2", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
        JdbcTokenVault closed = JdbcTokenVault.open(db, KEY, RestorePolicy.nobody(), LIMITS, clock);
        assertThatThrownBy(() -> closed.restore(token, auth("*", "pii-restorer", "admin")))
                .isInstanceOf(RestoreDeniedException.class);
    }

    @Test
    void refusesUnknownAndHostileTokens() {
        vault.tokenize("s1", "PERSON", "Jane Doe");
        String[] hostile = {null, "", "<EMAIL_TK_0000000000000000>", "' OR '1'='1", "%", "x".repeat(1 << 20)};
        for (String token : hostile) {
            assertThatThrownBy(() -> vault.restore(token, auth("*", "pii-restorer")))
                    .as(token == null ? "null" : token.substring(0, Math.min(20, token.length())))
                    .isInstanceOf(RestoreDeniedException.class).hasMessageContaining("unknown");
        }
    }

    @Test
    void expiredTokensAreRefusedPurgedAndIssuedAnewWhenSeenAgain() {
        String token = vault.tokenize("s1", "PERSON", "Jane Doe");
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThatThrownBy(() -> vault.restore(token, auth("s1", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class).hasMessageContaining("expired");
        assertThat(vault.purgeExpired()).isEqualTo(1);
        assertThat(vault.size()).isZero();
        assertThat(vault.tokenize("s1", "PERSON", "Jane Doe")).isEqualTo(token);
        assertThat(vault.restore(token, auth("s1", "pii-restorer"))).isEqualTo("Jane Doe");
    }

    @Test
    void anExpiredRowIsReplacedWhenItsValueIsTokenizedBeforeThePurge() throws SQLException {
        String token = vault.tokenize("s1", "PERSON", "Jane Doe");
        // Written long ago by another replica; this one purged a moment ago, so the row is still there.
        execute("UPDATE pii_vault SET issued_at = 0 WHERE token = ?", token);
        assertThatThrownBy(() -> vault.restore(token, auth("s1", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
        assertThat(vault.tokenize("s1", "PERSON", "Jane Doe")).isEqualTo(token);
        assertThat(vault.restore(token, auth("s1", "pii-restorer"))).isEqualTo("Jane Doe");
        assertThat(vault.size()).isEqualTo(1);
    }

    @Test
    void tokenizingAgainExtendsTheRetention() {
        String token = vault.tokenize("s1", "PERSON", "Jane Doe");
        clock.advance(Duration.ofDays(20));
        vault.tokenize("s1", "PERSON", "Jane Doe");
        clock.advance(Duration.ofDays(20));
        assertThat(vault.restore(token, auth("s1", "pii-restorer"))).isEqualTo("Jane Doe");
        clock.advance(Duration.ofDays(11));
        assertThatThrownBy(() -> vault.restore(token, auth("s1", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
    }

    @Test
    void refusesNewValuesAtTheBoundUntilRowsExpire() {
        JdbcTokenVault tiny = JdbcTokenVault.open(JdbcUrlDataSource.sqliteWal(dir.resolve("tiny.db")), KEY, RESTORERS,
                new JdbcTokenVault.Limits(2, Duration.ofHours(1)), clock);
        tiny.tokenize("s", "PERSON", "a");
        tiny.tokenize("s", "PERSON", "b");
        assertThatThrownBy(() -> tiny.tokenize("s", "PERSON", "c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
        assertThat(tiny.tokenize("s", "PERSON", "a")).as("known values still tokenize").isNotBlank();
        assertThat(tiny.size()).isEqualTo(2);
        clock.advance(Duration.ofHours(2));
        String c = tiny.tokenize("s", "PERSON", "c");
        assertThat(tiny.restore(c, auth("s", "pii-restorer"))).isEqualTo("c");
        assertThat(tiny.size()).isEqualTo(1);
    }

    @Test
    void theBoundCountsRowsOtherInstancesWrote() {
        DataSource shared = JdbcUrlDataSource.sqliteWal(dir.resolve("shared.db"));
        JdbcTokenVault.Limits two = new JdbcTokenVault.Limits(2, Duration.ofHours(1));
        JdbcTokenVault first = JdbcTokenVault.open(shared, KEY, RESTORERS, two, clock);
        first.tokenize("s", "PERSON", "a");
        first.tokenize("s", "PERSON", "b");
        JdbcTokenVault second = JdbcTokenVault.open(shared, KEY, RESTORERS, two, clock);
        assertThatThrownBy(() -> second.tokenize("s", "PERSON", "c")).hasMessageContaining("full");
    }

    @Test
    void tamperedCiphertextNeverDecrypts() throws SQLException {
        String token = vault.tokenize("s1", "US_SSN", "536-22-8726");
        byte[] ct = column(token, "ciphertext");
        ct[0] ^= 1;
        set(token, "ciphertext", ct);
        assertThatThrownBy(() -> vault.restore(token, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> vault.tokenize("s1", "US_SSN", "536-22-8726"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRowMovedToAnotherTokenSessionOrTypeNeverDecrypts() throws SQLException {
        String ssn = vault.tokenize("s1", "US_SSN", "536-22-8726");
        String other = vault.tokenize("s1", "US_SSN", "078-05-1120");
        execute("DELETE FROM pii_vault WHERE token = ?", other);
        execute("UPDATE pii_vault SET token = ? WHERE token = ?", other, ssn);
        assertThatThrownBy(() -> vault.restore(other, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);

        String mine = vault.tokenize("victim", "PERSON", "Jane Doe");
        execute("UPDATE pii_vault SET session_id = 'attacker' WHERE token = ?", mine);
        assertThatThrownBy(() -> vault.restore(mine, auth("attacker", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);
        execute("UPDATE pii_vault SET session_id = 'victim', type = 'LOCATION' WHERE token = ?", mine);
        assertThatThrownBy(() -> vault.restore(mine, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ciphertextsSwappedBetweenRowsNeverDecrypt() throws SQLException {
        String a = vault.tokenize("s1", "PERSON", "Jane Doe");
        String b = vault.tokenize("s1", "PERSON", "John Roe");
        byte[] ivA = column(a, "iv");
        byte[] ctA = column(a, "ciphertext");
        set(b, "iv", ivA);
        set(b, "ciphertext", ctA);
        assertThatThrownBy(() -> vault.restore(b, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);
        set(b, "iv", new byte[3]);
        assertThatThrownBy(() -> vault.restore(b, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsClosedWhenTheDatabaseFails() {
        SwitchableDataSource closable = new SwitchableDataSource(db);
        JdbcTokenVault failing = JdbcTokenVault.open(closable, KEY, RESTORERS, LIMITS, clock);
        String token = failing.tokenize("s1", "PERSON", "Jane Doe");
        closable.cutOff();
        assertThatThrownBy(() -> failing.tokenize("s1", "PERSON", "Jane Doe"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unavailable");
        assertThatThrownBy(() -> failing.restore(token, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unavailable");
        assertThatThrownBy(() -> JdbcTokenVault.open(closable, KEY, RESTORERS, LIMITS, clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unavailable");
    }

    @Test
    void failsClosedWhenTheTableIsGone() throws SQLException {
        String token = vault.tokenize("s1", "PERSON", "Jane Doe");
        execute("DROP TABLE pii_vault");
        assertThatThrownBy(() -> vault.tokenize("s1", "PERSON", "John Roe")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.restore(token, auth("*", "pii-restorer")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOutputGuardBlocksWhenTheVaultCannotTokenize() {
        SwitchableDataSource closable = new SwitchableDataSource(db);
        JdbcTokenVault failing = JdbcTokenVault.open(closable, KEY, RESTORERS, LIMITS, clock);
        PiiGuard guard = new PiiGuard(PiiRedactorTest.redactor(PiiRules.all(PiiAction.TOKENIZE), failing));
        assertThat(guard.screen(TestCalls.call("s1"), ToolResult.text("mail jane@example.com")))
                .isInstanceOf(Screening.Rewrite.class);
        closable.cutOff();
        Screening blocked = guard.screen(TestCalls.call("s1"), ToolResult.text("mail jane@example.com"));
        assertThat(blocked).isInstanceOf(Screening.Block.class);
        assertThat(blocked.toString()).doesNotContain("jane@example.com");
    }

    @Test
    void refusesAVaultSealedWithAnotherKey() {
        byte[] other = new byte[32];
        assertThatThrownBy(() -> JdbcTokenVault.open(db, other, RESTORERS, LIMITS, clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another master key");
    }

    @Test
    void roundTripsUnicodeEmptyAndLargeValues() {
        Map<String, String> values = Map.of(
                "emoji", "Zoë 🦄 Ünïcödé ‮RTL‬ e\u0301 \u0000 tail",
                "empty", "",
                "large", "é".repeat(JdbcTokenVault.MAX_VALUE_BYTES / 2));
        for (String value : values.values()) {
            String token = vault.tokenize("séance-✓", "PERSON", value);
            assertThat(vault.restore(token, auth("séance-✓", "pii-restorer"))).isEqualTo(value);
            assertThat(vault.tokenize("séance-✓", "PERSON", value)).isEqualTo(token);
        }
    }

    @Test
    void refusesOversizedValuesAndTypesStoringNothing() {
        assertThatThrownBy(() -> vault.tokenize("s", "PERSON", "é".repeat(JdbcTokenVault.MAX_VALUE_BYTES / 2 + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> vault.tokenize("s", "PERSON", "x".repeat(10 << 20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.tokenize("s", "T".repeat(1000), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.tokenize(" ", "PERSON", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.tokenize("s", "PERSON", null)).isInstanceOf(NullPointerException.class);
        assertThat(vault.size()).isZero();
    }

    @Test
    void instancesTokenizingOneValueAtOnceAllGetTheOneToken() throws Exception {
        List<JdbcTokenVault> vaults = List.of(vault, JdbcTokenVault.open(JdbcUrlDataSource.sqliteWal(dir.resolve("vault.db")),
                KEY, RESTORERS, LIMITS, clock));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                JdbcTokenVault v = vaults.get(i % 2);
                calls.add(() -> v.tokenize("s1", "EMAIL_ADDRESS", "race@example.com"));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                tokens.add(f.get());
            }
            assertThat(tokens).hasSize(1);
            assertThat(vault.size()).isEqualTo(1);
            assertThat(vaults.get(1).restore(tokens.iterator().next(), auth("s1", "pii-restorer")))
                    .isEqualTo("race@example.com");
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] column(String token, String column) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM pii_vault WHERE token = ?")) {
            s.setString(1, token);
            try (var r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getBytes(1);
            }
        }
    }

    private void set(String token, String column, byte[] value) throws SQLException {
        execute("UPDATE pii_vault SET " + column + " = ? WHERE token = ?", value, token);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
