package dev.bulwark.engine.flow;

import java.util.Set;

/**
 * What flow control needs to know of one tool, from configuration.
 *
 * @param trustedOutput whether the tool's output is trusted (only the user or the service itself writes it)
 * @param sinks         the arguments that send, pay, write or reach out (recipient, destination, amount, body, …);
 *                      {@link #ALL_ARGUMENTS} makes every argument a sink
 */
public record ToolFlow(boolean trustedOutput, Set<String> sinks) {
    /** A tool nobody configured: untrusted output, no sinks. */
    /** The sink name that stands for every argument of the call. */
    public static final String ALL_ARGUMENTS = "*";

    public static final ToolFlow UNCONFIGURED = new ToolFlow(false, Set.of());

    public ToolFlow {
        sinks = Set.copyOf(sinks);
    }

    /** Whether the argument of this name is a sink. */
    public boolean sink(String argument) {
        return sinks.contains(ALL_ARGUMENTS) || sinks.contains(argument);
    }
}
