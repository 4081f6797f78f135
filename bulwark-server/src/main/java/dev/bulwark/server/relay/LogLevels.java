package dev.bulwark.server.relay;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;

/** Reads the {@code level} of an upstream log message; an unknown level is not relayed. */
final class LogLevels {
    private LogLevels() {}

    static McpSchema.LoggingLevel parse(Object level) {
        if (!(level instanceof String s)) {
            return null;
        }
        try {
            return McpSchema.LoggingLevel.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
