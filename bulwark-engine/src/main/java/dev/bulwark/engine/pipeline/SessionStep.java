package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.session.SessionRefusedException;
import dev.bulwark.engine.session.SessionStore;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.session.SessionFacts;

/**
 * Puts the session's facts in the context (refusing a session id that belongs to another principal) and, once the
 * call has completed, records it with the labels of the output the agent received. If that record fails the output
 * is withheld: later decisions must know what this session has seen.
 */
public final class SessionStep implements CallStep {
    private final SessionStore sessions;

    public SessionStep(SessionStore sessions) {
        this.sessions = Checks.present(sessions, "sessions");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        String sessionId = call.request().sessionId();
        SessionFacts facts;
        try {
            facts = sessions.current(sessionId, call.requirePrincipal());
        } catch (SessionRefusedException e) {
            return call.refuse(Refusal.DENIED, "session refused: " + e.getMessage());
        }
        Conclusion conclusion = next.proceed(call.withSession(facts));
        if (!conclusion.completed()) {
            return conclusion;
        }
        CallContext done = conclusion.call();
        try {
            sessions.recordCall(sessionId, done.requireTool().name(), done.labels());
        } catch (RuntimeException e) {
            return done.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "session record failed: " + e.getClass().getName());
        }
        return conclusion;
    }
}
