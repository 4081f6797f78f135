package dev.bulwark.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalDecision.Reason;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must give the approval store; run on SQLite and PostgreSQL. */
abstract class ApprovalStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    JdbcApprovalStore store;
    SqlApproverKeys keys;

    abstract DataSource dataSource();

    @BeforeEach
    void freshTable() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + JdbcApprovalStore.TABLE);
            s.execute("DROP TABLE IF EXISTS " + SqlApproverKeys.TABLE);
        }
        store = new JdbcApprovalStore(dataSource());
        keys = new SqlApproverKeys(dataSource(), java.time.Clock.systemUTC());
    }

    static ApprovalRequest request(String binding, int required) {
        return ApprovalRequest.pending(UUID.randomUUID().toString().replace("-", ""), binding, "crm.delete",
                "agent-1", Optional.of("alice"), "session-1", Map.of("id", 42, "token", "[REDACTED]"),
                List.of("needs-approval"), List.of("deleting customers"), Map.of("labelsSeen", List.of("pii")),
                required, T0, T0.plus(Duration.ofMinutes(15)));
    }

    static String binding(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void anApprovedCallIsConsumedExactlyOnce() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        assertThat(store.approve(r.id(), "bob", T0.plusSeconds(1))).isInstanceOfSatisfying(
                ApprovalDecision.Recorded.class, d -> {
                    assertThat(d.request().state()).isEqualTo(ApprovalState.APPROVED);
                    assertThat(d.request().approvers()).containsExactly("bob");
                });
        assertThat(store.consume(binding('a'), T0.plusSeconds(2))).get()
                .extracting(ApprovalRequest::state).isEqualTo(ApprovalState.CONSUMED);
        assertThat(store.consume(binding('a'), T0.plusSeconds(3))).as("replayed approval").isEmpty();
    }

    @Test
    void aChangedCallFindsNoApproval() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        store.approve(r.id(), "bob", T0.plusSeconds(1));
        assertThat(store.consume(binding('b'), T0.plusSeconds(2))).isEmpty();
        assertThat(store.consume(binding('a'), T0.plusSeconds(2))).isPresent();
    }

    @Test
    void aRepeatedPausedCallReusesThePendingRequest() {
        ApprovalRequest first = store.openOrReuse(request(binding('a'), 1));
        ApprovalRequest again = store.openOrReuse(request(binding('a'), 1));
        ApprovalRequest other = store.openOrReuse(request(binding('b'), 1));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(store.list(Optional.of(ApprovalState.PENDING), 10)).hasSize(2);
    }

    @Test
    void anExpiredRequestCannotBeApprovedDeniedOrConsumed() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        Instant late = r.expiresAt();
        assertThat(store.approve(r.id(), "bob", late)).isEqualTo(
                new ApprovalDecision.Refused(Reason.EXPIRED, "the approval request has expired"));
        assertThat(store.deny(r.id(), "bob", "no", late)).isInstanceOfSatisfying(ApprovalDecision.Refused.class,
                d -> assertThat(d.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(store.expireDue(late)).containsExactly(r.id());
        assertThat(store.find(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(store.openOrReuse(request(binding('a'), 1)).id()).as("a new request after expiry")
                .isNotEqualTo(r.id());
    }

    @Test
    void anApprovalNotUsedBeforeExpiryLapses() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        store.approve(r.id(), "bob", T0.plusSeconds(1));
        assertThat(store.consume(binding('a'), r.expiresAt())).isEmpty();
        assertThat(store.expireDue(r.expiresAt())).containsExactly(r.id());
        assertThat(store.expireDue(r.expiresAt())).as("already expired").isEmpty();
    }

    @Test
    void withdrawingAnAgentsRequestsDeniesItsPendingAndUnusedApprovalsOnly() {
        ApprovalRequest pending = store.openOrReuse(request(binding('a'), 1));
        ApprovalRequest approved = store.openOrReuse(request(binding('b'), 1));
        store.approve(approved.id(), "bob", T0.plusSeconds(1));
        ApprovalRequest used = store.openOrReuse(request(binding('c'), 1));
        store.approve(used.id(), "bob", T0.plusSeconds(1));
        store.consume(binding('c'), T0.plusSeconds(2));
        ApprovalRequest otherAgent = store.openOrReuse(ApprovalRequest.pending(UUID.randomUUID().toString()
                .replace("-", ""), binding('d'), "crm.delete", "agent-2", Optional.empty(), "session-2", Map.of(),
                List.of("p"), List.of(), Map.of(), 1, T0, T0.plus(Duration.ofMinutes(15))));

        assertThat(store.withdrawAllOf("agent-1", "kill switch", "the agent was killed", T0.plusSeconds(3)))
                .containsExactlyInAnyOrder(pending.id(), approved.id());

        assertThat(store.consume(binding('b'), T0.plusSeconds(4))).as("an approval given before the kill").isEmpty();
        assertThat(store.approve(pending.id(), "bob", T0.plusSeconds(4))).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_PENDING));
        ApprovalRequest withdrawn = store.find(approved.id()).orElseThrow();
        assertThat(withdrawn.state()).isEqualTo(ApprovalState.DENIED);
        assertThat(withdrawn.deniedBy()).contains("kill switch");
        assertThat(store.find(used.id()).orElseThrow().state()).isEqualTo(ApprovalState.CONSUMED);
        assertThat(store.find(otherAgent.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(store.withdrawAllOf("agent-1", "kill switch", "again", T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void pendingRequestsAreCountedPerPrincipalLeavingOutTheAskedCall() {
        store.openOrReuse(request(binding('a'), 1));
        store.openOrReuse(request(binding('b'), 1));
        ApprovalRequest approved = store.openOrReuse(request(binding('c'), 1));
        store.approve(approved.id(), "bob", T0.plusSeconds(1));
        Instant now = T0.plusSeconds(2);
        assertThat(store.pendingOf("agent-1", Optional.of("alice"), binding('z'), now)).isEqualTo(2);
        assertThat(store.pendingOf("agent-1", Optional.of("alice"), binding('a'), now)).as("the call itself").isOne();
        assertThat(store.pendingOf("agent-1", Optional.empty(), binding('z'), now)).as("the agent's own").isZero();
        assertThat(store.pendingOf("agent-1", Optional.of("bob"), binding('z'), now)).isZero();
        assertThat(store.pendingOf("agent-2", Optional.of("alice"), binding('z'), now)).isZero();
        assertThat(store.pendingOf("agent-1", Optional.of("alice"), binding('z'), T0.plus(Duration.ofHours(1))))
                .as("expired").isZero();
    }

    @Test
    void anAlreadyDecidedRequestCannotBeDecidedAgain() {
        ApprovalRequest denied = store.openOrReuse(request(binding('a'), 1));
        assertThat(store.deny(denied.id(), "bob", "too risky", T0.plusSeconds(1)))
                .isInstanceOf(ApprovalDecision.Recorded.class);
        assertThat(store.approve(denied.id(), "carol", T0.plusSeconds(2))).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_PENDING));
        assertThat(store.consume(binding('a'), T0.plusSeconds(3))).isEmpty();

        ApprovalRequest approved = store.openOrReuse(request(binding('b'), 1));
        store.approve(approved.id(), "bob", T0.plusSeconds(1));
        assertThat(store.deny(approved.id(), "carol", "late", T0.plusSeconds(2))).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_PENDING));
        assertThat(store.approve(approved.id(), "carol", T0.plusSeconds(2))).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_PENDING));
        assertThat(store.approve("nosuchrequest", "carol", T0)).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void theRequestingAgentAndTheDelegatingUserCannotApprove() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        for (String self : List.of("alice", "agent-1")) {
            assertThat(store.approve(r.id(), self, T0.plusSeconds(1))).isInstanceOfSatisfying(
                    ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_ALLOWED));
        }
        assertThat(store.find(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void fourEyesNeedsTwoDistinctApprovers() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 2));
        assertThat(store.approve(r.id(), "bob", T0.plusSeconds(1))).isInstanceOfSatisfying(
                ApprovalDecision.Recorded.class, d -> assertThat(d.request().state()).isEqualTo(ApprovalState.PENDING));
        assertThat(store.consume(binding('a'), T0.plusSeconds(2))).as("half-approved").isEmpty();
        assertThat(store.approve(r.id(), "bob", T0.plusSeconds(2))).isInstanceOfSatisfying(
                ApprovalDecision.Refused.class, d -> assertThat(d.reason()).isEqualTo(Reason.NOT_ALLOWED));
        assertThat(store.approve(r.id(), "carol", T0.plusSeconds(3))).isInstanceOfSatisfying(
                ApprovalDecision.Recorded.class, d -> {
                    assertThat(d.request().state()).isEqualTo(ApprovalState.APPROVED);
                    assertThat(d.request().approvers()).containsExactly("bob", "carol");
                });
    }

    @Test
    void concurrentApproveAndDenyFromTwoReplicasHaveExactlyOneWinner() throws Exception {
        JdbcApprovalStore replicaA = new JdbcApprovalStore(dataSource());
        JdbcApprovalStore replicaB = new JdbcApprovalStore(dataSource());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                ApprovalRequest r = replicaA.openOrReuse(request(String.format("%064x", i + 1), 1));
                CountDownLatch start = new CountDownLatch(1);
                Callable<ApprovalDecision> approve = () -> {
                    start.await();
                    return replicaA.approve(r.id(), "bob", T0.plusSeconds(1));
                };
                Callable<ApprovalDecision> deny = () -> {
                    start.await();
                    return replicaB.deny(r.id(), "carol", "no", T0.plusSeconds(1));
                };
                Future<ApprovalDecision> a = pool.submit(approve);
                Future<ApprovalDecision> d = pool.submit(deny);
                start.countDown();
                List<ApprovalDecision> results = List.of(a.get(), d.get());
                assertThat(results.stream().filter(x -> x instanceof ApprovalDecision.Recorded).count())
                        .as("winners for request %d", i).isEqualTo(1);
                ApprovalState end = replicaB.find(r.id()).orElseThrow().state();
                assertThat(end).isEqualTo(a.get() instanceof ApprovalDecision.Recorded
                        ? ApprovalState.APPROVED : ApprovalState.DENIED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUseFromTwoReplicasConsumesOnce() throws Exception {
        JdbcApprovalStore replicaA = new JdbcApprovalStore(dataSource());
        JdbcApprovalStore replicaB = new JdbcApprovalStore(dataSource());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String binding = String.format("%064x", i + 100);
                ApprovalRequest r = replicaA.openOrReuse(request(binding, 1));
                replicaB.approve(r.id(), "bob", T0.plusSeconds(1));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<ApprovalRequest>>> uses = new ArrayList<>();
                for (JdbcApprovalStore replica : List.of(replicaA, replicaB)) {
                    uses.add(pool.submit(() -> {
                        start.await();
                        return replica.consume(binding, T0.plusSeconds(2));
                    }));
                }
                start.countDown();
                long used = 0;
                for (Future<Optional<ApprovalRequest>> f : uses) {
                    used += f.get().isPresent() ? 1 : 0;
                }
                assertThat(used).as("uses of approval %d", i).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pendingRequestsSurviveARestart() {
        ApprovalRequest r = store.openOrReuse(request(binding('a'), 1));
        JdbcApprovalStore restarted = new JdbcApprovalStore(dataSource());
        assertThat(restarted.find(r.id())).contains(r);
        assertThat(restarted.list(Optional.of(ApprovalState.PENDING), 10)).containsExactly(r);
        restarted.approve(r.id(), "bob", T0.plusSeconds(5));
        assertThat(restarted.consume(r.binding(), T0.plusSeconds(6))).isPresent();
    }

    @Test
    void anApproverKeyNamesItsUserAndNothingElseMatches() {
        String bob = keys.issue("bob");
        String carol = keys.issue("carol_x");
        assertThat(keys.userOf(bob)).contains("bob");
        assertThat(new SqlApproverKeys(dataSource(), java.time.Clock.systemUTC()).userOf(carol)).as("another replica")
                .contains("carol_x");
        // Carol's secret under Bob's name, a truncated key, an agent-key prefix, garbage and nothing are all refused.
        assertThat(keys.userOf("bwa_bob_" + carol.substring(carol.length() - 43))).isEmpty();
        assertThat(keys.userOf(bob.substring(0, bob.length() - 1))).isEmpty();
        assertThat(keys.userOf("bwk_bob_" + bob.substring(bob.length() - 43))).isEmpty();
        assertThat(keys.userOf(null)).isEmpty();
        assertThat(keys.userOf("x".repeat(10_000))).isEmpty();
    }

    @Test
    void reissuingOrRevokingAnApproverKeyRetiresTheOldOne() {
        String first = keys.issue("bob");
        String second = keys.issue("bob");
        assertThat(keys.userOf(first)).isEmpty();
        assertThat(keys.userOf(second)).contains("bob");
        assertThat(keys.revoke("bob")).isTrue();
        assertThat(keys.userOf(second)).isEmpty();
    }
}
