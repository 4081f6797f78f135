package dev.bulwark.spi.tool;

import java.util.List;

/**
 * A governed backend. Only calls that passed authentication, validation and policy reach {@link #call}; a connector
 * still enforces its own data rules (row filters, ACLs) using the call's principal.
 */
public interface Connector extends AutoCloseable {

    /** Unique name; every tool name starts with it. */
    String name();

    /**
     * What agents see in front of this connector's tool names instead of {@code name + "."}: by default exactly
     * that; the empty string mounts the tools under their own names (e.g. an upstream MCP server whose clients expect
     * its names). Only the name agents see changes: policies, pins and the audit log always use {@link Tool#name()}.
     * A prefix is at most 64 characters of {@code [A-Za-z0-9_.-/]}.
     */
    default String toolPrefix() {
        return name() + ".";
    }

    /** The tools currently offered. A tool that is blocked (e.g. changed upstream, awaiting approval) is not listed. */
    List<Tool> tools();

    /**
     * Executes an allowed call.
     *
     * @throws ConnectorException when the call cannot be carried out; the call is then reported as failed
     */
    ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException;

    @Override
    default void close() throws Exception {
    }
}
