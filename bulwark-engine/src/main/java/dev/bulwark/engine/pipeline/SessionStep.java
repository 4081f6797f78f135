package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.engine.session.TaskKeys;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.session.SessionFacts;

/**
 * Puts the session's facts (the session being the task named by {@link TaskKeys}, not the transport session) in the context (refusing a session id that belongs to another principal) and, once the
 * call has completed, records it with the labels of the output the agent received. If that record fails the output
 * is withheld: later decisions must know what this session has seen. A call whose output a guard withheld with
 * labels is recorded too, with the labels of that output: the tool ran, and a session whose tool returned an
 * injection attempt stays exposed to its author (the demo's {@code no-write-after-untrusted} then forbids writes),
 * whatever the agent saw.
 */
public final class SessionStep implements CallStep {
    private final SessionStore sessions;

    public SessionStep(SessionStore sessions) {
        this.sessions = Checks.present(sessions, "sessions");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        String sessionId;
        SessionFacts facts;
        try {
            sessionId = TaskKeys.of(call.requirePrincipal(), call.request().task());
            facts = sessions.current(sessionId, call.requirePrincipal());
        } catch (SessionRefusedException e) {
            return call.refuse(Refusal.DENIED, "session refused: " + e.getMessage());
        }
        Conclusion conclusion = next.proceed(call.withSession(facts));
        if (!conclusion.completed()) {
            return outputWithheld(conclusion) ? recorded(sessionId, conclusion) : conclusion;
        }
        return recorded(sessionId, conclusion);
    }

    private static boolean outputWithheld(Conclusion conclusion) {
        return conclusion.outcome() instanceof CallOutcome.Refused refused && refused.code() == Refusal.OUTPUT_BLOCKED
                && conclusion.call().get(ScreenOutputStep.EXPOSED).isPresent();
    }

    private Conclusion recorded(String sessionId, Conclusion conclusion) {
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
