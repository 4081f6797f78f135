package dev.bulwark.engine.flow;

import java.util.Set;

/**
 * What flow control needs to know of one tool, from configuration.
 *
 * @param trustedOutput whether the tool's output is trusted (only the user or the service itself writes it)
 * @param sinks         the arguments that send, pay, write or reach out (recipient, destination, amount, body, …)
 */
public record ToolFlow(boolean trustedOutput, Set<String> sinks) {
    /** A tool nobody configured: untrusted output, no sinks. */
    public static final ToolFlow UNCONFIGURED = new ToolFlow(false, Set.of());

    public ToolFlow {
        sinks = Set.copyOf(sinks);
    }
}
