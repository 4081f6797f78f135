package dev.bulwark.spi.policy;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;

/**
 * Decides tool calls. Implementations deny by default and on any error.
 *
 * <p>Under delegation (the principal carries a user) a call is allowed only when it is allowed for the agent
 * <em>and</em> for the user: the effective permission is the intersection.
 */
public interface PolicyEngine {

    /** Decides one call. Never throws: an internal failure is a {@link Decision.Deny}. */
    Decision decide(DecisionRequest request);

    /**
     * Whether the tool is shown to the principal in {@code tools/list}: true when some permit's scope matches the
     * principal, action and resource, and no forbid without conditions matches. Conditions on arguments or session
     * cannot be known when listing, so a listed tool may still be denied when called.
     */
    boolean mayList(Principal principal, Tool tool);

    /**
     * Decides whether the upstream serving {@code call}'s tool may, while that call runs, ask the principal's client
     * for {@code feature} ({@code sampling}, {@code elicitation} or {@code roots}). Deny by default: an engine that
     * does not know relaying denies. Never throws.
     */
    default Decision decideRelay(DecisionRequest call, String feature) {
        return new Decision.Deny(java.util.List.of(), "relaying to the client is not permitted by this policy engine",
                java.util.List.of());
    }

    /**
     * Whether the resource or prompt {@code subject}, reached through {@code tool}, is shown to the principal in
     * {@code resources/list}, {@code resources/templates/list} or {@code prompts/list}, by the rule of
     * {@link #mayList(Principal, Tool)}. Engines that do not know subjects show none (fail closed).
     */
    default boolean mayList(Principal principal, Tool tool, Subject subject) {
        return false;
    }
}
