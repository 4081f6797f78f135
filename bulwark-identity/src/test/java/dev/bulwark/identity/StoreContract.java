package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.User;
import dev.bulwark.testkit.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every database must give the stores; run against SQLite and PostgreSQL. */
abstract class StoreContract {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    SqlAgentStore agents;
    SqlUserStore users;
    SqlRevocationList revocations;

    abstract DataSource dataSource();

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {Sql.AGENTS, Sql.USERS, Sql.REVOKED, Sql.PRINCIPAL_IDS}) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        agents = new SqlAgentStore(dataSource(), clock);
        users = new SqlUserStore(dataSource(), clock);
        revocations = new SqlRevocationList(dataSource(), clock, Duration.ofHours(1));
    }

    @Test
    void anAgentMayNotTakeTheIdOfAUserOnAnyReplica() {
        users.register("alice", Set.of("analyst"), Map.of());
        SqlAgentStore otherReplica = new SqlAgentStore(dataSource(), clock);

        assertThatThrownBy(() -> otherReplica.register("alice", "mallory", Set.of(), Map.of()))
                .isInstanceOfSatisfying(IdTakenException.class, e -> {
                    assertThat(e.takenBy()).isEqualTo(PrincipalKind.USER);
                    assertThat(e.getMessage()).contains("alice").contains("a user");
                });
        assertThat(agents.find("alice")).isEmpty();
    }

    @Test
    void aUserMayNotTakeTheIdOfAnAgentOnAnyReplica() {
        agents.register("support-bot", "ops", Set.of(), Map.of());
        SqlUserStore otherReplica = new SqlUserStore(dataSource(), clock);

        assertThatThrownBy(() -> otherReplica.register("support-bot", Set.of(), Map.of()))
                .isInstanceOfSatisfying(IdTakenException.class,
                        e -> assertThat(e.takenBy()).isEqualTo(PrincipalKind.AGENT));
        assertThat(users.find("support-bot")).isEmpty();
    }

    @Test
    void concurrentAgentAndUserRegistrationsOfOneIdLetAtMostOneWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = "contested-" + round;
            SqlAgentStore agentReplica = new SqlAgentStore(dataSource(), clock);
            SqlUserStore userReplica = new SqlUserStore(dataSource(), clock);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var asAgent = pool.submit(() -> {
                    start.await();
                    agentReplica.register(id, "o", Set.of(), Map.of());
                    return true;
                });
                var asUser = pool.submit(() -> {
                    start.await();
                    userReplica.register(id, Set.of(), Map.of());
                    return true;
                });
                start.countDown();
                int won = succeeded(asAgent) + succeeded(asUser);
                assertThat(won).isLessThanOrEqualTo(1);
                assertThat(agents.find(id).isPresent() && users.find(id).isPresent()).isFalse();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int succeeded(java.util.concurrent.Future<Boolean> f) throws InterruptedException {
        try {
            return f.get() ? 1 : 0;
        } catch (java.util.concurrent.ExecutionException e) {
            return 0;
        }
    }

    @Test
    void aDatabaseFromBeforeTheSharedNamespaceIsMigratedAndItsAmbiguousIdsReported() throws SQLException {
        agents.register("bot", "o", Set.of(), Map.of());
        users.register("carol", Set.of(), Map.of());
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            // As an old gateway wrote it: no id table, and an id registered as both kinds.
            s.execute("DROP TABLE " + Sql.PRINCIPAL_IDS);
            s.execute("INSERT INTO " + Sql.USERS + " (id, roles, attributes, created_at) VALUES ('bot', '[]', '{}', 0)");
        }

        SqlUserStore reopened = new SqlUserStore(dataSource(), clock);
        SqlAgentStore agentsReopened = new SqlAgentStore(dataSource(), clock);

        assertThat(reopened.ambiguousIds()).containsExactly("bot");
        assertThatThrownBy(() -> agentsReopened.register("carol", "o", Set.of(), Map.of()))
                .isInstanceOf(IdTakenException.class);
        assertThatThrownBy(() -> reopened.register("bot", Set.of(), Map.of())).isInstanceOf(IdTakenException.class);
    }

    @Test
    void registersAnActiveAgentAndFindsIt() {
        AgentRegistration reg = agents.register("billing-bot", "finance-team", Set.of("reader", "writer"),
                Map.of("department", "finance", "tier", "2"));

        assertThat(reg.agent().status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents.find("billing-bot")).contains(reg.agent());
        assertThat(agents.find("nobody")).isEmpty();
        assertThat(reg.agent().createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void apiKeyHasRecognisablePrefixAndIsNeverShownByToString() {
        AgentRegistration reg = agents.register("bot", "owner", Set.of(), Map.of());

        assertThat(reg.apiKey().value()).startsWith("bwk_bot_").hasSize("bwk_bot_".length() + 43);
        assertThat(reg.toString()).doesNotContain(reg.apiKey().value());
    }

    @Test
    void storesOnlyASaltedHashOfTheKey() throws SQLException {
        String key = agents.register("bot", "owner", Set.of(), Map.of()).apiKey().value();
        String secretPart = key.substring("bwk_bot_".length());
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT * FROM " + Sql.AGENTS)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secretPart);
            }
        }
    }

    @Test
    void refusesDuplicateAgentIds() {
        agents.register("bot", "owner", Set.of(), Map.of());
        assertThatThrownBy(() -> agents.register("bot", "other", Set.of(), Map.of()))
                .isInstanceOf(IdTakenException.class).hasMessageContaining("already taken");
    }

    @Test
    void refusesInvalidAgentIds() {
        assertThatThrownBy(() -> agents.register("bad id; DROP TABLE", "owner", Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(agents.list()).isEmpty();
    }

    @Test
    void listsAgentsInIdOrder() {
        agents.register("zeta", "o", Set.of(), Map.of());
        agents.register("alpha", "o", Set.of(), Map.of());
        assertThat(agents.list()).extracting(Agent::id).containsExactly("alpha", "zeta");
    }

    @Test
    void verifiesOnlyTheCurrentKey() {
        String key = agents.register("bot", "owner", Set.of(), Map.of()).apiKey().value();

        assertThat(agents.verifyKey("bot", key)).isTrue();
        assertThat(agents.verifyKey("bot", key + "x")).isFalse();
        assertThat(agents.verifyKey("bot", "")).isFalse();
        assertThat(agents.verifyKey("bot", null)).isFalse();
        assertThat(agents.verifyKey("other", key)).isFalse();
        assertThat(agents.verifyKey(null, key)).isFalse();
        assertThat(agents.verifyKey("bot", "x".repeat(100_000))).isFalse();
    }

    @Test
    void rotatingTheKeyInvalidatesTheOldOne() {
        String old = agents.register("bot", "owner", Set.of(), Map.of()).apiKey().value();

        String fresh = agents.rotateKey("bot").orElseThrow().value();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(agents.verifyKey("bot", old)).isFalse();
        assertThat(agents.verifyKey("bot", fresh)).isTrue();
        assertThat(agents.rotateKey("nobody")).isEmpty();
    }

    @Test
    void suspendsAndReactivates() {
        agents.register("bot", "owner", Set.of(), Map.of());

        assertThat(agents.suspend("bot")).hasValueSatisfying(a -> assertThat(a.active()).isFalse());
        assertThat(agents.find("bot").orElseThrow().status()).isEqualTo(AgentStatus.SUSPENDED);
        assertThat(agents.activate("bot")).hasValueSatisfying(a -> assertThat(a.active()).isTrue());
        assertThat(agents.suspend("nobody")).isEmpty();
    }

    @Test
    void registersAndFindsUsers() {
        User alice = users.register("alice", Set.of("analyst"), Map.of("region", "eu"));
        users.register("bob", Set.of(), Map.of());

        assertThat(users.find("alice")).contains(alice);
        assertThat(users.find("carol")).isEmpty();
        assertThat(users.list()).extracting(User::id).containsExactly("alice", "bob");
        assertThatThrownBy(() -> users.register("alice", Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokedTokenIdsAreSeenByAnotherInstanceOnTheSameDatabase() {
        SqlRevocationList otherReplica = new SqlRevocationList(dataSource(), clock, Duration.ofHours(1));

        revocations.revoke("jti-1", clock.instant().plusSeconds(600));

        assertThat(otherReplica.isRevoked("jti-1")).isTrue();
        assertThat(otherReplica.isRevoked("jti-2")).isFalse();
    }

    @Test
    void aLineageIsCheckedWholeOnTheVeryNextLookupOfAnyReplica() {
        SqlRevocationList otherReplica = new SqlRevocationList(dataSource(), clock, Duration.ofHours(1));
        Instant issued = clock.instant();
        java.util.List<String> lineage = new java.util.ArrayList<>(java.util.Arrays.asList(
                "leaf", null, "parent", "leaf", "x".repeat(SqlRevocationList.MAX_JTI_LENGTH + 1), "root"));
        assertThat(otherReplica.anyRevoked(lineage, "bot", issued)).isFalse();

        revocations.revoke("root", clock.instant().plusSeconds(600));
        assertThat(otherReplica.anyRevoked(lineage, "bot", issued)).isTrue();
        assertThat(otherReplica.anyRevoked(java.util.List.of("leaf", "parent"), "bot", issued)).isFalse();

        java.util.List<String> longLineage = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            longLineage.add("hop-" + (i % 10));
        }
        assertThat(otherReplica.anyRevoked(longLineage, "bot", issued)).isFalse();
        revocations.revoke("hop-9", clock.instant().plusSeconds(600));
        assertThat(otherReplica.anyRevoked(longLineage, "bot", issued)).isTrue();

        revocations.revokeTokensOf("bot");
        assertThat(otherReplica.anyRevoked(java.util.List.of(), "bot", issued)).isTrue();
        assertThat(otherReplica.anyRevoked(java.util.List.of("leaf"), "other-bot", issued)).isFalse();
    }

    @Test
    void revokingTwiceKeepsTheLaterExpiry() {
        revocations.revoke("jti-1", clock.instant().plusSeconds(3600));
        revocations.revoke("jti-1", clock.instant().plusSeconds(60));

        clock.advance(Duration.ofMinutes(30));
        assertThat(revocations.purgeExpired()).isZero();
        assertThat(revocations.isRevoked("jti-1")).isTrue();
    }

    @Test
    void purgesOnlyEntriesExpiredBeyondTheMargin() {
        revocations.revoke("short", clock.instant().plusSeconds(60));
        revocations.revoke("long", clock.instant().plusSeconds(7200));
        revocations.revoke("unknown-expiry");

        clock.advance(Duration.ofSeconds(61));
        assertThat(revocations.purgeExpired()).isZero();

        clock.advance(SqlRevocationList.PURGE_MARGIN);
        assertThat(revocations.purgeExpired()).isEqualTo(1);
        assertThat(revocations.isRevoked("short")).isFalse();
        assertThat(revocations.isRevoked("long")).isTrue();
        assertThat(revocations.isRevoked("unknown-expiry")).isTrue();

        clock.advance(Duration.ofHours(2));
        assertThat(revocations.purgeExpired()).isEqualTo(2);
    }

    @Test
    void refusesBlankOrOversizedTokenIds() {
        assertThatThrownBy(() -> revocations.revoke(" ", clock.instant())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> revocations.revoke("x".repeat(300), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(revocations.isRevoked(null)).isFalse();
    }

    @Test
    void tablesAreCreatedIdempotently() {
        agents.register("bot", "owner", Set.of(), Map.of());
        new SqlAgentStore(dataSource(), clock);
        assertThat(agents.find("bot")).isPresent();
    }
}
