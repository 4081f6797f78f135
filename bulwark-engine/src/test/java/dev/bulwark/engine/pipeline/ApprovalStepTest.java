package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.approval.ApprovalSettings;
import dev.bulwark.engine.approval.ApprovalStep;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.spi.approval.ApprovalListener;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalStepTest {
    private final Harness h = new Harness();
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final AtomicReference<Instant> now = new AtomicReference<>(Fakes.NOW);
    private final InstantSource clock = () -> now.get();
    private final List<ApprovalRequest> notified = new CopyOnWriteArrayList<>();
    private ApprovalSettings settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ZERO,
            Duration.ofMillis(50), List.of("docs.sea*"));

    @BeforeEach
    void approvalPolicy() {
        h.fulfilled = Set.of(Obligation.APPROVAL);
        h.policies.rule = r -> r.tool().name().equals("docs.search")
                ? new Decision.Allow(List.of("permit-docs"), List.of(new Obligation(Obligation.APPROVAL, "finance",
                        "permit-docs")))
                : new Decision.Allow(List.of("permit-all"), List.of());
    }

    private CallPipeline pipeline() {
        ApprovalListener listener = notified::add;
        return h.standard().steps().insertAfter(DecideStep.class,
                new ApprovalStep(store, new KeyPatternRedactor(), h.audit, listener, settings, clock)).build();
    }

    private static CallRequest search(String token, String session, String q) {
        return new CallRequest(token, session, "docs.search", Map.of("q", q), null);
    }

    @Test
    void pausesACallThatNeedsApprovalWithAHandleAndNotifiesOnce() {
        CallOutcome first = pipeline().handle(search("t-alice", "s-1", "payroll"));
        CallOutcome again = pipeline().handle(search("t-alice", "s-1", "payroll"));

        ApprovalRequest request = store.only();
        assertThat(request.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(request.agentId()).isEqualTo("alice");
        assertThat(request.policyIds()).containsExactly("permit-docs");
        assertThat(request.reasons()).containsExactly("finance");
        assertThat(request.arguments()).isEqualTo(Map.of("q", "payroll"));
        assertThat(request.expiresAt()).isEqualTo(Fakes.NOW.plus(Duration.ofMinutes(15)));
        for (CallOutcome outcome : List.of(first, again)) {
            assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> {
                assertThat(r.code()).isEqualTo(Refusal.APPROVAL_REQUIRED);
                assertThat(r.message()).contains(request.handle()).contains("same arguments");
            });
        }
        assertThat(notified).containsExactly(request);
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.events()).extracting(AuditEvent::action)
                .containsExactly("approval.request", "docs.search", "docs.search");
    }

    @Test
    void anApprovedCallRunsOnceAndAReplayNeedsANewApproval() {
        pipeline().handle(search("t-alice", "s-1", "payroll"));
        ApprovalRequest request = store.only();
        store.approve(request.id(), "carol", now.get());
        store.approve(request.id(), "dave", now.get());

        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll"))).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.docs.calls).hasSize(1);
        assertThat(h.audit.events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("approval.use");
            assertThat(e.details()).containsEntry("approvers", List.of("carol", "dave"));
        });

        CallOutcome replay = pipeline().handle(search("t-alice", "s-1", "payroll"));
        assertThat(((CallOutcome.Refused) replay).code()).isEqualTo(Refusal.APPROVAL_REQUIRED);
        assertThat(h.docs.calls).hasSize(1);
        assertThat(store.requests).hasSize(2);
    }

    /** Red team: one agent could open any number of requests (each call a little different) and bury the queue. */
    @Test
    void aPrincipalsWaitingRequestsAreBoundedSoOneAgentCannotFloodTheQueue() {
        for (int i = 0; i < ApprovalStep.MAX_PENDING_PER_PRINCIPAL; i++) {
            pipeline().handle(search("t-alice", "s-1", "payroll " + i));
        }
        assertThat(store.requests).hasSize(ApprovalStep.MAX_PENDING_PER_PRINCIPAL);

        CallOutcome flood = pipeline().handle(search("t-alice", "s-1", "payroll again"));
        assertThat(flood).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.DENIED);
            assertThat(r.message()).contains("already wait for approval");
        });
        assertThat(store.requests).hasSize(ApprovalStep.MAX_PENDING_PER_PRINCIPAL);
        assertThat(notified).hasSize(ApprovalStep.MAX_PENDING_PER_PRINCIPAL);
        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll 3"))).as("a waiting call asks again")
                .isInstanceOfSatisfying(CallOutcome.Refused.class, r -> assertThat(r.code())
                        .isEqualTo(Refusal.APPROVAL_REQUIRED));
        assertThat(pipeline().handle(search("t-bob", "s-2", "payroll"))).as("another principal")
                .isInstanceOfSatisfying(CallOutcome.Refused.class, r -> assertThat(r.code())
                        .isEqualTo(Refusal.APPROVAL_REQUIRED));

        store.deny(store.list(Optional.empty(), 1).get(0).id(), "carol", "no", now.get());
        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll again"))).as("room again once decided")
                .isInstanceOfSatisfying(CallOutcome.Refused.class, r -> assertThat(r.code())
                        .isEqualTo(Refusal.APPROVAL_REQUIRED));
    }

    @Test
    void fourEyesToolsStayPausedWithOneApproval() {
        pipeline().handle(search("t-alice", "s-1", "payroll"));
        ApprovalRequest request = store.only();
        assertThat(request.requiredApprovals()).isEqualTo(2);
        store.approve(request.id(), "carol", now.get());

        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll"))).isInstanceOf(CallOutcome.Refused.class);
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void anApprovalDoesNotCoverAChangedArgumentOrAnotherAgentButSurvivesANewSession() {
        settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ZERO, Duration.ofMillis(50), List.of());
        pipeline().handle(search("t-alice", "s-1", "payroll"));
        store.approve(store.only().id(), "carol", now.get());

        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll!"))).isInstanceOf(CallOutcome.Refused.class);
        assertThat(pipeline().handle(search("t-bob", "s-2", "payroll"))).isInstanceOf(CallOutcome.Refused.class);
        assertThat(h.docs.calls).isEmpty();
        assertThat(pipeline().handle(search("t-alice", "s-9", "payroll"))).as("after a reconnect")
                .isInstanceOf(CallOutcome.Completed.class);
    }

    @Test
    void anExpiredApprovalLetsNothingThrough() {
        settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ZERO, Duration.ofMillis(50), List.of());
        pipeline().handle(search("t-alice", "s-1", "payroll"));
        ApprovalRequest first = store.only();
        store.approve(first.id(), "carol", now.get());
        now.set(first.expiresAt());

        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll"))).isInstanceOf(CallOutcome.Refused.class);
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void aCallWithoutTheObligationPassesUntouched() {
        h.policies.rule = r -> new Decision.Allow(List.of("permit-all"), List.of());
        assertThat(pipeline().handle(search("t-alice", "s-1", "payroll"))).isInstanceOf(CallOutcome.Completed.class);
        assertThat(store.requests).isEmpty();
    }

    @Test
    void anUnavailableStoreRefusesTheCall() {
        store.failing = true;
        CallOutcome outcome = pipeline().handle(search("t-alice", "s-1", "payroll"));
        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void aWaitingCallProceedsWhenApprovedMeanwhileAndReportsProgress() throws Exception {
        settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofMillis(50),
                List.of());
        List<String> progress = new CopyOnWriteArrayList<>();
        Thread approver = new Thread(() -> {
            try {
                while (store.requests.isEmpty()) {
                    Thread.sleep(10);
                }
                Thread.sleep(120);
                store.approve(store.only().id(), "carol", now.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        approver.start();
        CallOutcome outcome = pipeline().handle(new CallRequest("t-alice", "s-1", "docs.search",
                Map.of("q", "payroll"), (p, total, message) -> progress.add(message)));
        approver.join();

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m).contains("approval:"));
        assertThat(store.only().state()).isEqualTo(ApprovalState.CONSUMED);
    }

    @Test
    void aWaitingCallIsDeniedWhenAnApproverDenies() throws Exception {
        settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofMillis(50),
                List.of());
        Thread approver = new Thread(() -> {
            try {
                while (store.requests.isEmpty()) {
                    Thread.sleep(10);
                }
                store.deny(store.only().id(), "carol", "not today", now.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        approver.start();
        CallOutcome outcome = pipeline().handle(search("t-alice", "s-1", "payroll"));
        approver.join();

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.DENIED);
            assertThat(r.message()).contains("not today");
        });
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void waitingIsBoundedAndEndsPending() {
        settings = new ApprovalSettings(Duration.ofMinutes(15), Duration.ofMillis(200), Duration.ofMillis(50),
                List.of());
        CallOutcome outcome = pipeline().handle(search("t-alice", "s-1", "payroll"));
        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.APPROVAL_REQUIRED);
        assertThat(store.only().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(Optional.of(store.only())).isPresent();
    }
}
