package dev.bulwark.spi.tool;

import java.util.Map;

/**
 * The MCP fields of a result beside its content, passed on as the tool gave them: the result's {@code _meta}, and
 * per content block (by index) its {@code annotations} and {@code _meta}. {@code _meta} values are the JSON text of an
 * object, each at most {@link #MAX_CHARS} characters; guards that judge content screen their string leaves and keys
 * (see {@link ToolResult#meta()}).
 *
 * @param meta        the result's {@code _meta}, or {@code null}
 * @param annotations annotations of the blocks that had any
 * @param blockMeta   {@code _meta} of the blocks that had one
 */
public record ResultMeta(String meta, Map<Integer, ContentAnnotations> annotations, Map<Integer, String> blockMeta) {
    public static final int MAX_CHARS = 16 * 1024;
    public static final ResultMeta NONE = new ResultMeta(null, Map.of(), Map.of());

    public ResultMeta {
        check(meta, "_meta");
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
        blockMeta = Map.copyOf(blockMeta == null ? Map.of() : blockMeta);
        annotations.keySet().forEach(ResultMeta::index);
        blockMeta.forEach((index, json) -> {
            index(index);
            check(json, "a block's _meta");
        });
    }

    /** Whether nothing is carried. */
    public boolean isEmpty() {
        return meta == null && annotations.isEmpty() && blockMeta.isEmpty();
    }

    /** The largest block index named, or -1. */
    public int lastIndex() {
        int last = -1;
        for (int i : annotations.keySet()) {
            last = Math.max(last, i);
        }
        for (int i : blockMeta.keySet()) {
            last = Math.max(last, i);
        }
        return last;
    }

    private static void index(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("block index must not be negative: " + index);
        }
    }

    private static void check(String json, String what) {
        if (json == null) {
            return;
        }
        if (!json.strip().startsWith("{") || json.length() > MAX_CHARS) {
            throw new IllegalArgumentException(what + " must be the JSON text of an object of at most " + MAX_CHARS
                    + " characters");
        }
    }
}
