package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code execution} of each tool the upstream listed, read from the raw {@code tools/list} result just before the
 * SDK turns it into {@code McpSchema.Tool} records, which have no such field (MCP Java SDK 2.1.0).
 *
 * <p>Kept by the identity of the SDK's tool object (the SDK hands those same objects on, whichever listing they came
 * from), so two listings that differ only in {@code execution} are never mixed up. Only tools that declared one are
 * kept, and at most {@link #MAX_KEPT} (oldest forgotten first), so an upstream listing again and again cannot grow it.
 */
final class ListedExecutions {
    /** Tools with an execution remembered at once; far above any listing a catalog keeps. */
    static final int MAX_KEPT = 16_384;

    private final Map<Identity, SdkToolExecution.Read> byTool = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, SdkToolExecution.Read> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** A key equal only to itself: records are equal by value, but each listed object is its own tool. */
    private record Identity(Object of) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    /**
     * Remembers the execution of each tool of {@code parsed}, read from {@code raw}, the JSON tree the SDK parsed it
     * from. Reads nothing when the two do not line up tool for tool (same count, same names).
     */
    void record(Object raw, McpSchema.ListToolsResult parsed) {
        if (!(raw instanceof Map<?, ?> result) || !(result.get("tools") instanceof List<?> rawTools)
                || parsed.tools() == null || rawTools.size() != parsed.tools().size()) {
            return;
        }
        List<McpSchema.Tool> tools = parsed.tools();
        for (int i = 0; i < tools.size(); i++) {
            McpSchema.Tool tool = tools.get(i);
            if (tool == null || !(rawTools.get(i) instanceof Map<?, ?> rawTool)
                    || !java.util.Objects.equals(rawTool.get("name"), tool.name())) {
                continue;
            }
            SdkToolExecution.Read read = SdkToolExecution.of(rawTool.containsKey(SdkToolExecution.KEY),
                    rawTool.get(SdkToolExecution.KEY));
            if (read != SdkToolExecution.Read.NONE) {
                synchronized (byTool) {
                    byTool.put(new Identity(tool), read);
                }
            }
        }
    }

    /** The execution read for this very tool object; none when it declared none or was not read here. */
    SdkToolExecution.Read of(McpSchema.Tool tool) {
        synchronized (byTool) {
            SdkToolExecution.Read read = byTool.get(new Identity(tool));
            return read == null ? SdkToolExecution.Read.NONE : read;
        }
    }
}
