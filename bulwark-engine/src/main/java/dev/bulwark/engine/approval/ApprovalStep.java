package dev.bulwark.engine.approval;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.ContextKey;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.Unguessable;
import dev.bulwark.spi.approval.ApprovalListener;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authenticator;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.session.SessionFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs after the decide step. An allowed call that carries an {@code approval} obligation proceeds only by consuming
 * an approved, unexpired request bound to this exact call; otherwise it opens (or reuses) a pending request, waits a
 * bounded time with progress notifications, and answers the agent {@link Refusal#APPROVAL_REQUIRED} with the handle.
 * A call without that obligation passes untouched. Any store failure throws, which the pipeline turns into a refusal.
 */
public final class ApprovalStep implements CallStep {
    /** The approval a call consumed, for later steps. */
    public static final ContextKey<ApprovalRequest> USED_APPROVAL = ContextKey.of("usedApproval", ApprovalRequest.class);
    /**
     * How many calls of one principal (agent, and user under delegation) may wait for approval at once; a further
     * call is refused, so a hijacked agent varying its arguments cannot bury approvers' queue (or their webhook).
     */
    public static final int MAX_PENDING_PER_PRINCIPAL = 20;

    private final ApprovalStore store;
    private final Redactor redactor;
    private final AuditLog auditLog;
    private final ApprovalListener listener;
    private final ApprovalSettings settings;
    private final InstantSource clock;
    private final ApprovalPreview preview;
    /** Checks the caller's credential again after a wait; {@code null} only where no wait can outlive a credential. */
    private final Authenticator recheck;

    public ApprovalStep(ApprovalStore store, Redactor redactor, AuditLog auditLog, ApprovalListener listener,
                        ApprovalSettings settings, InstantSource clock) {
        this(store, redactor, auditLog, listener, settings, clock, null);
    }

    /** @param preview the dry-run previews for approvers, or {@code null} for none */
    public ApprovalStep(ApprovalStore store, Redactor redactor, AuditLog auditLog, ApprovalListener listener,
                        ApprovalSettings settings, InstantSource clock, ApprovalPreview preview) {
        this(store, redactor, auditLog, listener, settings, clock, preview, null);
    }

    /**
     * @param recheck authenticates the caller's credential again when an approval arrives during a wait, so that a
     *                suspension, kill switch or revocation during the wait stops the held call; {@code null} skips
     *                that check (only for tests without identities)
     */
    public ApprovalStep(ApprovalStore store, Redactor redactor, AuditLog auditLog, ApprovalListener listener,
                        ApprovalSettings settings, InstantSource clock, ApprovalPreview preview,
                        Authenticator recheck) {
        this.recheck = recheck;
        this.preview = preview;
        this.store = Checks.present(store, "store");
        this.redactor = Checks.present(redactor, "redactor");
        this.auditLog = Checks.present(auditLog, "auditLog");
        this.listener = Checks.present(listener, "listener");
        this.settings = Checks.present(settings, "settings");
        this.clock = Checks.present(clock, "clock");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Decision.Allow allow = call.requireAllow();
        List<Obligation> approvals = allow.obligations().stream()
                .filter(o -> o.name().equals(Obligation.APPROVAL)).toList();
        if (approvals.isEmpty()) {
            return next.proceed(call);
        }
        Principal principal = call.requirePrincipal();
        String tool = call.requireTool().name();
        SessionFacts session = call.requireSession();
        String binding = CallBinding.of(tool, call.requireArguments(), principal);
        Optional<ApprovalRequest> approved = store.consume(binding, clock.instant());
        if (approved.isPresent()) {
            return proceedWith(approved.get(), call, next);
        }
        if (store.pendingOf(principal.agent().id(), principal.user().map(u -> u.id()), binding, clock.instant())
                >= MAX_PENDING_PER_PRINCIPAL) {
            return call.refuse(Refusal.DENIED, MAX_PENDING_PER_PRINCIPAL + " calls of this caller already wait for"
                    + " approval; no further one is queued until approvers decide those");
        }
        Opened opened = open(call, approvals, binding, principal, tool, session);
        ApprovalRequest request = opened.request();
        if (opened.fresh() && principal.user().isPresent() && userStops(call, request, tool)) {
            return call.refuse(Refusal.DENIED, "the user stopped this call in their client (" + request.handle() + ")");
        }
        if (!settings.waitFor().isZero()) {
            Optional<Conclusion> decided = await(request, call, next);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        return call.refuse(Refusal.APPROVAL_REQUIRED, pendingMessage(request, approvals, tool));
    }

    private Conclusion proceedWith(ApprovalRequest used, CallContext call, Chain next) {
        record(call, "approval.use", used, Map.of("approvers", used.approvers()));
        return next.proceed(call.with(USED_APPROVAL, used));
    }

    /** A request and whether this call opened it (false: a pending one for the same call was reused). */
    private record Opened(ApprovalRequest request, boolean fresh) {}

    /**
     * Asks the delegating user, in the agent's client, whether to stop the paused call; a "stop" denies the request
     * (audited as the user's). Asked once, when the request is opened. The user can refuse their agent's call but
     * never approve it.
     */
    private boolean userStops(CallContext call, ApprovalRequest request, String tool) {
        String question = "Your agent's call to " + tool + " is paused for a security approval ("
                + String.join(", ", request.policyIds()) + "). Approvers have been asked. Stop this call?";
        boolean stop;
        try {
            stop = call.request().veto().stops(question);
        } catch (RuntimeException e) {
            return false; // not asked: approvers still decide
        }
        if (!stop) {
            return false;
        }
        String user = "user:" + request.userId().orElse("?");
        var decision = store.deny(request.id(), user, "stopped by the user in the agent's client", clock.instant());
        record(call, "approval.deny", request, Map.of("by", user, "result", String.valueOf(decision)));
        return true;
    }

    private Opened open(CallContext call, List<Obligation> approvals, String binding, Principal principal,
                        String tool, SessionFacts session) {
        Instant now = clock.instant();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("labelsSeen", session.labelsSeen().stream().sorted().toList());
        facts.put("recentTools", session.recentTools());
        facts.put("callCount", session.callCount());
        facts.put("risk", session.risk());
        // where each argument's values came from (sources and kinds, never the values): why a flow rule asked
        call.get(dev.bulwark.engine.flow.FlowStep.PROVENANCE).ifPresent(p -> facts.put("flow", p.toJson()));
        if (preview != null) {
            // a read, run again when the agent repeats a pending call; the stored request keeps its first preview
            preview.of(call).ifPresent(p -> facts.put("preview", p));
        }
        ApprovalRequest fresh = ApprovalRequest.pending(Unguessable.uuid().toString().replace("-", ""), binding, tool,
                principal.agent().id(), principal.user().map(u -> u.id()), session.id(),
                // shown to approvers: redacted, and with invisible characters made visible
                VisibleText.ofArguments(redactor.redact(call.requireArguments())),
                approvals.stream().map(Obligation::policyId).distinct().toList(),
                approvals.stream().map(Obligation::value).filter(v -> !v.isBlank()).distinct().toList(),
                facts, settings.requiredApprovals(tool), now, now.plus(settings.ttl()));
        ApprovalRequest stored = store.openOrReuse(fresh);
        if (stored.id().equals(fresh.id())) {
            record(call, "approval.request", stored, Map.of("requiredApprovals", stored.requiredApprovals(),
                    "expiresAt", stored.expiresAt().toString()));
            try {
                listener.opened(stored);
            } catch (RuntimeException e) {
                // Notification is best effort: the request is durable and listed for approvers either way.
            }
        }
        return new Opened(stored, stored.id().equals(fresh.id()));
    }

    /** Holds the call open until a decision, the wait bound or the request's expiry, whichever comes first. */
    private Optional<Conclusion> await(ApprovalRequest request, CallContext call, Chain next) {
        long waitMillis = settings.waitFor().toMillis();
        long started = System.nanoTime();
        long elapsed = 0;
        while (elapsed < waitMillis) {
            try {
                Thread.sleep(Math.min(settings.pollInterval().toMillis(), waitMillis - elapsed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Instant now = clock.instant();
            ApprovalRequest current = store.find(request.id()).orElse(request);
            ApprovalState state = current.stateAt(now);
            if (state == ApprovalState.APPROVED) {
                Optional<String> lapsed = credentialLapsed(call);
                if (lapsed.isPresent()) {
                    // The approval stays unused: the caller it was for no longer holds a working credential.
                    return Optional.of(call.refuse(Refusal.DENIED, "approved (" + current.handle() + "), but the"
                            + " caller's credential stopped working while the call waited: " + lapsed.get()));
                }
                Optional<ApprovalRequest> used = store.consume(request.binding(), now);
                if (used.isPresent()) {
                    return Optional.of(proceedWith(used.get(), call, next));
                }
            }
            if (state == ApprovalState.DENIED) {
                return Optional.of(call.refuse(Refusal.DENIED, "an approver denied this call ("
                        + current.handle() + "): " + current.denyReason().orElse("no reason given")));
            }
            if (state != ApprovalState.PENDING) {
                return Optional.empty();
            }
            call.request().progress().onProgress(Math.min(elapsed, waitMillis), (double) waitMillis,
                    "waiting for human approval of " + current.handle() + " (" + current.approvers().size() + " of "
                            + current.requiredApprovals() + " approvals)");
        }
        return Optional.empty();
    }

    /**
     * Why the caller's credential no longer stands for the principal that opened the call, or empty when it still
     * does. The call was authenticated before it waited, and a wait may outlast a suspension, the kill switch or a
     * revocation; a held call must not run on the strength of a credential that would be refused now.
     */
    private Optional<String> credentialLapsed(CallContext call) {
        if (recheck == null) {
            return Optional.empty();
        }
        Principal before = call.requirePrincipal();
        Authentication now;
        try {
            now = recheck.authenticate(call.request().credential());
        } catch (RuntimeException e) {
            return Optional.of("the caller's identity could not be checked");
        }
        if (now instanceof Authentication.Rejected rejected) {
            return Optional.of(rejected.detail());
        }
        Principal after = ((Authentication.Authenticated) now).principal();
        boolean same = after.agent().id().equals(before.agent().id())
                && java.util.Objects.equals(after.userIdOrNull(), before.userIdOrNull());
        return same ? Optional.empty() : Optional.of("the credential now names another principal");
    }

    private static String pendingMessage(ApprovalRequest request, List<Obligation> approvals, String tool) {
        StringBuilder why = new StringBuilder();
        for (Obligation o : approvals) {
            why.append(why.isEmpty() ? "" : "; ").append("policy ").append(o.policyId());
            if (!o.value().isBlank()) {
                why.append(": ").append(o.value());
            }
        }
        return "paused for human approval (" + why + "). Handle " + request.handle() + ", "
                + (request.requiredApprovals() == 2 ? "two approvers needed, " : "")
                + "expires " + request.expiresAt() + ". Once it is approved, call " + tool
                + " again with exactly the same arguments in this session: the approved call then runs once.";
    }

    private void record(CallContext call, String action, ApprovalRequest request, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("callId", call.callId());
        details.put("approvalId", request.id());
        details.put("tool", request.tool());
        details.put("binding", request.binding());
        details.put("policyIds", request.policyIds());
        details.putAll(extra);
        auditLog.append(new AuditEvent(clock.instant(), AuditEventType.ADMIN, action, Outcome.SUCCEEDED,
                request.agentId(), request.userId().orElse(null), request.sessionId(), "", details));
    }
}
