package dev.bulwark.server.gateway;

import dev.bulwark.approvals.JdbcApprovalStore;
import java.util.function.UnaryOperator;
import dev.bulwark.approvals.SqlApproverKeys;
import dev.bulwark.engine.approval.ApprovalSettings;
import dev.bulwark.engine.approval.ApprovalPreview;
import dev.bulwark.engine.approval.ApprovalStep;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.engine.pipeline.StandardPipeline;
import dev.bulwark.server.config.ApprovalsSettings;
import dev.bulwark.spi.approval.ApprovalListener;
import dev.bulwark.spi.approval.ApprovalStore;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.policy.Obligation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The approval queue of one gateway: the durable store shared by replicas, the desk approvers use, the webhook, and
 * the step that pauses calls. Declaring the {@code approval} obligation fulfilled and inserting the step happen in
 * one place ({@link #wire}), so the obligation can never be marked fulfilled without the step that enforces it.
 */
public final class Approvals implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Approvals.class);

    private final ApprovalsSettings settings;
    private final ApprovalStore store;
    private final ApprovalDesk desk;
    private final SlackWebhook webhook;
    /** The full credential check (never the gate's cached result): a held call is checked again after its wait. */
    private final dev.bulwark.spi.identity.Authenticator recheck;

    private Approvals(ApprovalsSettings settings, ApprovalStore store, ApprovalDesk desk, SlackWebhook webhook,
                      dev.bulwark.spi.identity.Authenticator recheck) {
        this.recheck = recheck;
        this.settings = settings;
        this.store = store;
        this.desk = desk;
        this.webhook = webhook;
    }

    /** Opens the tables on {@code db}; schedules the expiry sweep on {@code housekeeping} when given. */
    public static Approvals open(ApprovalsSettings settings, DataSource db, Identity identity, String gatewayUrl,
                                 AuditLog auditLog, Clock clock, ScheduledExecutorService housekeeping) {
        return open(settings, db, identity, gatewayUrl, auditLog, clock, housekeeping, UnaryOperator.identity());
    }

    /** As above, with every use of the store going through {@code observed} (e.g. counting for metrics). */
    public static Approvals open(ApprovalsSettings settings, DataSource db, Identity identity, String gatewayUrl,
                                 AuditLog auditLog, Clock clock, ScheduledExecutorService housekeeping,
                                 UnaryOperator<ApprovalStore> observed) {
        ApprovalStore store = observed.apply(new JdbcApprovalStore(db));
        ApprovalDesk desk = new ApprovalDesk(store, new SqlApproverKeys(db, clock), identity.users(),
                identity.agents(), clock);
        SlackWebhook webhook = settings.webhooks().isEmpty() ? null
                : new SlackWebhook(settings.webhooks(), gatewayUrl, Duration.ofSeconds(1));
        if (housekeeping != null) {
            housekeeping.scheduleWithFixedDelay(() -> sweep(store, auditLog, clock), 1, 1, TimeUnit.MINUTES);
        }
        return new Approvals(settings, store, desk, webhook, identity.authenticator());
    }

    /** Expires what is due and records it: one {@code approval.expire} audit event per sweep that expired any. */
    static void sweep(ApprovalStore store, AuditLog auditLog, Clock clock) {
        try {
            List<String> expired = store.expireDue(clock.instant());
            if (!expired.isEmpty()) {
                auditLog.append(new AuditEvent(clock.instant(), AuditEventType.ADMIN, "approval.expire",
                        Outcome.SUCCEEDED, null, null, null, "", Map.of("approvalIds", expired)));
                LOG.info("{} approval request(s) expired", expired.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not expire approval requests: {}", e.toString());
        }
    }

    /** The standard steps with the approval step after deciding; without it when approvals are disabled. */
    public CallPipeline.Builder wire(StandardPipeline standard, Redactor redactor, AuditLog auditLog, Clock clock) {
        return wire(standard, redactor, auditLog, clock, null);
    }

    /** As {@link #wire(StandardPipeline, Redactor, AuditLog, Clock)}, with dry-run previews for approvers. */
    public CallPipeline.Builder wire(StandardPipeline standard, Redactor redactor, AuditLog auditLog, Clock clock,
                                     ApprovalPreview preview) {
        if (!settings.on()) {
            return standard.steps();
        }
        ApprovalSettings step = new ApprovalSettings(settings.timeToLive(), settings.waitTime(),
                ApprovalSettings.DEFAULT.pollInterval(), settings.fourEyes());
        ApprovalListener listener = webhook == null ? ApprovalListener.NONE : webhook;
        return standard.fulfilledObligations(Set.of(Obligation.APPROVAL)).steps()
                .insertAfter(DecideStep.class, new ApprovalStep(store, redactor, auditLog, listener, step, clock,
                        settings.previews().isEmpty() ? null : preview, recheck));
    }

    /**
     * Denies every pending and approved-but-unused request of a killed agent (as {@value #KILL_SWITCH}) and records
     * one {@code approval.withdraw} audit event listing them; returns their ids.
     */
    public List<String> withdrawAllOf(String agentId, AuditLog auditLog, Clock clock) {
        return withdrawAllOf(agentId, KILL_SWITCH, "the agent was killed", auditLog, clock);
    }

    /**
     * Denies every pending and approved-but-unused request of an agent as {@code by} (never a valid user id, so never
     * mistaken for an approver) and records one {@code approval.withdraw} audit event listing them; returns their ids.
     */
    public List<String> withdrawAllOf(String agentId, String by, String reason, AuditLog auditLog, Clock clock) {
        List<String> withdrawn = store.withdrawAllOf(agentId, by, reason, clock.instant());
        if (!withdrawn.isEmpty()) {
            auditLog.append(new AuditEvent(clock.instant(), AuditEventType.ADMIN, "approval.withdraw",
                    Outcome.SUCCEEDED, agentId, null, null, "", Map.of("approvalIds", withdrawn, "by", by)));
        }
        return withdrawn;
    }

    /** Who withdrew a killed agent's requests; not a valid user id, so never mistaken for an approver. */
    public static final String KILL_SWITCH = "kill switch";
    /**
     * Who withdrew a suspended agent's requests. A suspension withdraws them like the kill switch: what approvers
     * allowed while the agent was trusted must not run after it is re-activated.
     */
    public static final String SUSPENSION = "agent suspended";

    public ApprovalDesk desk() {
        return desk;
    }

    @Override
    public void close() {
        if (webhook != null) {
            webhook.close();
        }
    }
}
