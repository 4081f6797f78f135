package dev.bulwark.spi.guard;

import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;

/**
 * Screens a tool's output before it reaches the agent. A guard that throws blocks the output (fail closed).
 */
public interface OutputGuard {

    String name();

    Screening screen(ToolCall call, ToolResult result);
}
