package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.spec.McpError;
import java.util.concurrent.TimeoutException;

/** Finds what an SDK failure was made of: Reactor wraps errors, sometimes as suppressed exceptions. */
final class McpErrors {
    private McpErrors() {}

    /** The JSON-RPC error the upstream answered with, or {@code null} when the failure was not one. */
    static McpError find(Throwable e) {
        return cause(e, McpError.class);
    }

    static boolean timedOut(Throwable e) {
        return cause(e, TimeoutException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }
}
