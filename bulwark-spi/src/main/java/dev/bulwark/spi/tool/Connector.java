package dev.bulwark.spi.tool;

import java.util.List;

/**
 * A governed backend. Only calls that passed authentication, validation and policy reach {@link #call}; a connector
 * still enforces its own data rules (row filters, ACLs) using the call's principal.
 */
public interface Connector extends AutoCloseable {

    /** Unique name; every tool name starts with it. */
    String name();

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
