package dev.bulwark.engine.pipeline;

/**
 * A way to ask the person at the agent's client (MCP elicitation) whether a call their agent made on their behalf
 * should be stopped. The answer can only stop a call: the user never approves their own delegated call (an injected
 * agent acts in the user's name, so the user's "yes" is not a second pair of eyes), but may always refuse it.
 */
@FunctionalInterface
public interface UserVeto {
    /** No client to ask: nothing is ever stopped this way. */
    UserVeto NONE = question -> false;

    /**
     * @return true only when the person explicitly chose to stop the call; false for "go on", no answer, a declined or
     *         cancelled prompt, a client without elicitation, or any failure to ask
     */
    boolean stops(String question);
}
