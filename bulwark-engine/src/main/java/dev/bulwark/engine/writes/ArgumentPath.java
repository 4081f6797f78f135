package dev.bulwark.engine.writes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Pointer (RFC 6901) into a call's arguments, e.g. {@code /recipient} or {@code /items/0/amount}. Reading
 * tells a missing value apart from an explicit {@code null}; writing returns a new tree and leaves the old one alone.
 */
public record ArgumentPath(String pointer, List<String> tokens) {
    public ArgumentPath {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("argument pointer must name a field, e.g. /amount");
        }
    }

    public static ArgumentPath parse(String pointer) {
        if (pointer == null || !pointer.startsWith("/") || pointer.length() > 512) {
            throw new IllegalArgumentException("argument must be a JSON pointer starting with '/', e.g. /amount, not '"
                    + pointer + "'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.replace("~0", "").replace("~1", "").contains("~")) {
                throw new IllegalArgumentException("argument pointer '" + pointer + "' has a '~' not followed by 0 or 1");
            }
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new ArgumentPath(pointer, tokens);
    }

    /** The value at this path: empty when absent; an explicit JSON null is present, as {@link Value#NULL}. */
    public Optional<Object> read(Map<String, Object> arguments) {
        Object at = arguments;
        for (String token : tokens) {
            if (at instanceof Map<?, ?> map) {
                if (!map.containsKey(token)) {
                    return Optional.empty();
                }
                at = map.get(token);
            } else if (at instanceof List<?> list) {
                int index = index(token);
                if (index < 0 || index >= list.size()) {
                    return Optional.empty();
                }
                at = list.get(index);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(at == null ? Value.NULL : at);
    }

    /** A copy of {@code arguments} with the value at this path replaced; the path must exist. */
    public Map<String, Object> replace(Map<String, Object> arguments, Object value) {
        return asObject(edit(arguments, 0, value, false));
    }

    /** A copy of {@code arguments} without the value at this path; unchanged if absent. */
    public Map<String, Object> remove(Map<String, Object> arguments) {
        return asObject(edit(arguments, 0, null, true));
    }

    private Object edit(Object node, int depth, Object value, boolean remove) {
        String token = tokens.get(depth);
        boolean last = depth == tokens.size() - 1;
        if (node instanceof Map<?, ?> map) {
            if (!map.containsKey(token)) {
                return node;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, v));
            if (last && remove) {
                copy.remove(token);
            } else {
                copy.put(token, last ? value : edit(map.get(token), depth + 1, value, remove));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (node instanceof List<?> list) {
            int index = index(token);
            if (index < 0 || index >= list.size()) {
                return node;
            }
            List<Object> copy = new ArrayList<>(list);
            if (last && remove) {
                copy.remove(index);
            } else {
                copy.set(index, last ? value : edit(list.get(index), depth + 1, value, remove));
            }
            return Collections.unmodifiableList(copy);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object tree) {
        return (Map<String, Object>) tree;
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(c -> c >= '0' && c <= '9')
                || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return pointer;
    }
}
