package dev.bulwark.engine.flow;

import java.util.Set;

/**
 * What flow control needs to know of one tool, from configuration.
 *
 * @param trustedOutput whether the tool's output is trusted (only the user or the service itself writes it)
 * @param sinks         the arguments that send, pay, write or reach out (recipient, destination, amount, body, …);
 *                      {@link #ALL_ARGUMENTS} makes every argument a sink
 * @param records       whether the tool returns records (a JSON or YAML list or object whose short fields the service
 *                      sets, such as a list of transactions or of channel members) rather than documents or pages;
 *                      see {@link RecordFields}
 */
public record ToolFlow(boolean trustedOutput, Set<String> sinks, boolean records) {
    /** The sink name that stands for every argument of the call. */
    public static final String ALL_ARGUMENTS = "*";

    /** A tool nobody configured: untrusted text output, no sinks. */
    public static final ToolFlow UNCONFIGURED = new ToolFlow(false, Set.of(), false);

    public ToolFlow {
        sinks = Set.copyOf(sinks);
    }

    public ToolFlow(boolean trustedOutput, Set<String> sinks) {
        this(trustedOutput, sinks, false);
    }

    /** Whether the argument of this name is a sink. */
    public boolean sink(String argument) {
        return sinks.contains(ALL_ARGUMENTS) || sinks.contains(argument);
    }
}
