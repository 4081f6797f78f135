package dev.bulwark.server.gateway;

import dev.bulwark.anomaly.JdbcRiskLedger;
import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import java.util.List;

/**
 * Adds the risk anomalies raised for the caller (its agent, and its user under delegation) to the session's risk
 * before the decision, so a policy reading {@code context.session.riskMillis} sees it on every replica. Like every
 * step it fails closed: a ledger that cannot be read refuses the call.
 */
final class AnomalyRiskStep implements CallStep {
    private final JdbcRiskLedger ledger;

    AnomalyRiskStep(JdbcRiskLedger ledger) {
        this.ledger = ledger;
    }

    static List<String> principals(Principal p) {
        return p.user().isPresent() ? List.of("agent:" + p.agent().id(), "user:" + p.user().get().id())
                : List.of("agent:" + p.agent().id());
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        long millis;
        try {
            millis = ledger.riskMillis(principals(call.requirePrincipal()));
        } catch (RuntimeException e) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error", "anomaly risk unreadable: "
                    + e.getClass().getName());
        }
        if (millis <= 0 || call.session().isEmpty()) {
            return next.proceed(call);
        }
        SessionFacts s = call.session().get();
        return next.proceed(call.withSession(new SessionFacts(s.id(), s.startedAt(), s.callCount(), s.labelsSeen(),
                s.recentTools(), s.risk() + millis / 1000.0)));
    }
}
