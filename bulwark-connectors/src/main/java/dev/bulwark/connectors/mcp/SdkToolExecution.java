package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.ToolExecution;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tool's {@code execution} from the upstream's raw {@code tools/list} JSON (the SDK's {@code McpSchema.Tool}
 * has no such field, see {@link ListedExecutions}). Only the known shape is read: an object holding nothing but an
 * optional {@code taskSupport} string naming one of MCP's values. Anything else (another type, another key, another
 * value) leaves the execution out with a warning that never quotes the value, so a hostile upstream can neither pass
 * on more than MCP defines nor fill the status with its text.
 */
final class SdkToolExecution {
    static final String KEY = "execution";
    static final String TASK_SUPPORT = "taskSupport";
    static final String LEFT_OUT = "execution left out: only {\"taskSupport\": \"forbidden\" | \"optional\" |"
            + " \"required\"} is passed on";

    private SdkToolExecution() {}

    /** The execution read, or the warning saying it was left out; both empty when the tool declared none. */
    record Read(ToolExecution execution, String warning) {
        static final Read NONE = new Read(null, null);
        static final Read REFUSED = new Read(null, LEFT_OUT);
    }

    /**
     * Reads the value of a raw tool object's {@code execution}.
     *
     * @param declared whether the tool object has the key at all ({@code null} as a value is a wrong type)
     */
    static Read of(boolean declared, Object raw) {
        if (!declared) {
            return Read.NONE;
        }
        if (!(raw instanceof Map<?, ?> object) || object.size() > 1) {
            return Read.REFUSED;
        }
        if (object.isEmpty()) {
            return new Read(ToolExecution.UNSTATED, null);
        }
        Object support = object.get(TASK_SUPPORT);
        Optional<ToolExecution.TaskSupport> known = support instanceof String text
                ? ToolExecution.TaskSupport.fromWire(text) : Optional.empty();
        return known.map(s -> new Read(new ToolExecution(s), null)).orElse(Read.REFUSED);
    }
}
