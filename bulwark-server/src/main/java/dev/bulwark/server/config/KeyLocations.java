package dev.bulwark.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML document starts, by path ({@code server.port}, {@code upstreams[0].url}). Record
 * deserialization reports errors at the end of the enclosing object; this index puts them on the key's own line.
 */
final class KeyLocations {
    /** Marks an object level in the index stack (ArrayDeque holds no nulls). */
    private static final int OBJECT = -1;

    private KeyLocations() {}

    static Map<String, JsonLocation> index(String yaml) {
        Map<String, JsonLocation> out = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            String pendingField = null;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        pendingField = p.currentName();
                        out.putIfAbsent(join(path, pendingField), p.currentTokenLocation());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String seg = segment(pendingField, arrayIndex);
                        if (seg.startsWith("[")) {
                            out.putIfAbsent(join(path, seg), p.currentTokenLocation());
                        }
                        path.addLast(seg);
                        pendingField = null;
                        arrayIndex.addLast(new int[] {t == JsonToken.START_ARRAY ? 0 : OBJECT});
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pollLast();
                        arrayIndex.pollLast();
                        advance(arrayIndex);
                    }
                    default -> {
                        pendingField = null;
                        advance(arrayIndex);
                    }
                }
            }
        } catch (IOException e) {
            // A document that does not parse gets its error from the real parse; no index is needed then.
        }
        return out;
    }

    private static String segment(String field, Deque<int[]> arrayIndex) {
        if (field != null) {
            return field;
        }
        int[] idx = arrayIndex.peekLast();
        return idx == null || idx[0] == OBJECT ? "" : "[" + idx[0] + "]";
    }

    private static void advance(Deque<int[]> arrayIndex) {
        int[] idx = arrayIndex.peekLast();
        if (idx != null && idx[0] != OBJECT) {
            idx[0]++;
        }
    }

    private static String join(Deque<String> path, String field) {
        StringBuilder b = new StringBuilder();
        for (String s : path) {
            if (s.isEmpty()) {
                continue;
            }
            if (!b.isEmpty() && !s.startsWith("[")) {
                b.append('.');
            }
            b.append(s);
        }
        if (!b.isEmpty() && !field.startsWith("[")) {
            b.append('.');
        }
        return b.append(field).toString();
    }
}
