package dev.bulwark.spi.guard;

import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;

/**
 * Screens a tool's output before it reaches the agent. A guard that throws blocks the output (fail closed).
 */
public interface OutputGuard {

    String name();

    Screening screen(ToolCall call, ToolResult result);

    /**
     * Whether this guard's rewrites only frame the output for the model (delimiters, data marks, an encoding) and do
     * not change what it says. Information-flow control reads the output as it was before framing: values are traced
     * by what they say, not by how they were presented.
     */
    default boolean frames() {
        return false;
    }
}
