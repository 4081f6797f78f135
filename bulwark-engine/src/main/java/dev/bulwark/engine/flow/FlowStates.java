package dev.bulwark.engine.flow;

import dev.bulwark.engine.pipeline.CallContext;

/**
 * Where the flow state of sessions lives: in this gateway's memory ({@link SessionFlows}) or in the session store
 * that replicas share ({@link StoredSessionFlows}). {@link FlowStep} reads a session's state at the start of each call
 * and hands it back once the call's output has been recorded.
 */
public interface FlowStates {

    /**
     * The flow state of the call's session as it stands now.
     *
     * @throws RuntimeException when it cannot be read (the step then refuses the call)
     */
    SessionFlow of(CallContext call);

    /**
     * Keeps what {@code flow} recorded during the call.
     *
     * @throws RuntimeException when it could not be kept (the step then withholds the call's output)
     */
    void recorded(CallContext call, SessionFlow flow);
}
