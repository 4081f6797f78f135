package dev.bulwark.spi.tool;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a tool's author says it may be run (MCP {@code execution}, SEP-1686), passed on to agents as given. Only the
 * known shape exists: an object with at most {@code taskSupport}, one of {@code forbidden}, {@code optional},
 * {@code required}. A connector that reads anything else leaves the execution out rather than passing on a part.
 *
 * <p>A claim of the author, never trusted by Bulwark: it does not change how a call is decided or relayed.
 *
 * @param taskSupport the declared task support, or {@code null} when the author's object named none (MCP then means
 *                    {@code forbidden}; {@code null} keeps the author's empty object as it was)
 */
public record ToolExecution(TaskSupport taskSupport) {
    /** The execution object without {@code taskSupport}: {@code {}}. */
    public static final ToolExecution UNSTATED = new ToolExecution(null);

    /** The object as MCP writes it: {@code {}} or {@code {"taskSupport": "<value>"}}. */
    public Map<String, Object> wire() {
        return taskSupport == null ? Map.of() : Map.of("taskSupport", taskSupport.wire());
    }

    /** MCP's task support values; {@link #wire()} is the value as written in MCP. */
    public enum TaskSupport {
        FORBIDDEN, OPTIONAL, REQUIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value MCP writes as {@code wire}, if it is one (exactly, case-sensitive). */
        public static Optional<TaskSupport> fromWire(String wire) {
            for (TaskSupport support : values()) {
                if (support.wire().equals(wire)) {
                    return Optional.of(support);
                }
            }
            return Optional.empty();
        }
    }
}
