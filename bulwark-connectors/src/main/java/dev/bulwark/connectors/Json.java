package dev.bulwark.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * JSON text for connector output and canonical JSON for hashing. Canonical form sorts object keys and has no
 * whitespace, so the same tree always gives the same bytes.
 */
public final class Json {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {}

    /** Writes a tree of maps, lists, strings, numbers, booleans and nulls as JSON text. */
    public static String write(Object tree) {
        try {
            return PLAIN.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a tree as canonical JSON: object keys sorted at every depth, no insignificant whitespace. */
    public static String canonical(Object tree) {
        try {
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads JSON text that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        try {
            Object value = PLAIN.readValue(text, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IllegalArgumentException("JSON text is not an object");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
