package dev.bulwark.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one reader of admin request bodies. Every body is bound to a record that lists exactly the fields the endpoint
 * takes, and read strictly: an unknown field, a duplicate key, a {@code null}, a value of the wrong JSON type (no
 * string-to-number or number-to-string coercion, no fractions for integers, no single value for an array) or trailing
 * content is a 400 that names the field. A lax reader lets a misspelt or unsupported field ({@code "mayAct"} where the
 * endpoint ignored it) pass silently, so an administrator believes a restriction is in force that is not.
 */
final class StrictJson {
    static final ObjectMapper MAPPER = mapper();

    private StrictJson() {}

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        for (LogicalType type : LogicalType.values()) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * Reads {@code body} (empty means {@code {}}) as {@code type}.
     *
     * @throws AdminError 400 naming the field and what was expected
     */
    static <T> T read(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw invalid("duplicate field " + message.substring("Duplicate field ".length())
                        .replaceAll("\\s+for.*$", ""));
            }
            throw invalid("body is not valid JSON");
        } catch (IOException e) {
            throw invalid("body could not be read");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("body must be a JSON object");
        }
        refuseNulls(tree, "");
        refuseUnknownFields(tree, type);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds() == null ? java.util.List.of() : e.getKnownPropertyIds();
            String accepted = known.isEmpty() ? "this endpoint takes no fields"
                    : "accepted: " + new TreeSet<>(known.stream().map(String::valueOf).toList()).stream()
                    .collect(Collectors.joining(", "));
            throw invalid("unknown field '" + path(e) + "' (" + accepted + ")");
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof AdminError error) {
                throw error;
            }
            throw invalid(e.getCause() != null ? e.getCause().getMessage() : "body is not acceptable");
        } catch (MismatchedInputException e) {
            throw invalid("field '" + path(e) + "' must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw invalid("body is not acceptable: " + e.getOriginalMessage());
        }
    }

    /**
     * Checked before binding, so an unknown field is named even when a required one is missing (the record's
     * constructor would otherwise report the missing one first).
     */
    private static void refuseUnknownFields(JsonNode tree, Class<?> type) {
        if (!type.isRecord()) {
            return;
        }
        java.util.Set<String> accepted = new TreeSet<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            accepted.add(c.getName());
        }
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw invalid("unknown field '" + (name.length() <= 64 ? name : name.substring(0, 64) + "…") + "' ("
                        + (accepted.isEmpty() ? "this endpoint takes no fields"
                        : "accepted: " + String.join(", ", accepted)) + ")");
            }
        }
    }

    /** No admin field takes null: to leave an optional field out, omit it. */
    private static void refuseNulls(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String here = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isNull()) {
                    throw invalid("field '" + here + "' must not be null (omit it instead)");
                }
                refuseNulls(field.getValue(), here);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String here = path + "[" + i + "]";
                if (node.get(i).isNull()) {
                    throw invalid("field '" + here + "' must not be null");
                }
                refuseNulls(node.get(i), here);
            }
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(body)" : out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array of strings";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of strings";
        }
        return "an object";
    }

    static AdminError invalid(String message) {
        return new AdminError(400, "invalid_request", message);
    }
}
