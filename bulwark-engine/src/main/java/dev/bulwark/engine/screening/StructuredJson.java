package dev.bulwark.engine.screening;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One JSON object read within {@link StructureLimits}, with its string leaves and keys in document order. Leaves can
 * be replaced in place; keys, numbers, booleans and nulls never change. Parsing keeps numbers exact (big decimals),
 * and refuses duplicate keys, which two readers could resolve differently.
 */
final class StructuredJson {
    /** A structure that cannot be read within the limits; the message never quotes the input. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a string sits: a leaf at {@code path}, or a key of the object at {@code path}. */
    record Slot(String path, String text, JsonNode container, String key, int index) {}

    private final ObjectNode root;
    private final List<Slot> leaves = new ArrayList<>();
    private final List<Slot> keys = new ArrayList<>();

    private StructuredJson(ObjectNode root) {
        this.root = root;
    }

    /** Readers by nesting limit, built once: a mapper is costly to build and safe to share. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, ObjectMapper> MAPPERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static StructuredJson parse(String json, StructureLimits limits) throws Refused {
        ObjectMapper mapper = MAPPERS.computeIfAbsent(limits.maxDepth(), StructuredJson::mapper);
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new Refused("structured content is nested deeper than " + limits.maxDepth() + " levels");
        } catch (JsonProcessingException e) {
            throw new Refused("structured content is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new Refused("structured content is not a JSON object");
        }
        StructuredJson read = new StructuredJson((ObjectNode) tree);
        int[] budget = {limits.maxNodes()};
        read.walk(tree, "", 1, limits, budget);
        return read;
    }

    private static ObjectMapper mapper(int maxDepth) {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).build());
        return mapper;
    }

    private void walk(JsonNode node, String path, int depth, StructureLimits limits, int[] budget) throws Refused {
        if (depth > limits.maxDepth()) {
            throw new Refused("structured content is nested deeper than " + limits.maxDepth() + " levels");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                spend(budget, limits);
                keys.add(new Slot(path, field.getKey(), node, field.getKey(), -1));
                visit(field.getValue(), path + "/" + escape(field.getKey()), node, field.getKey(), -1, depth,
                        limits, budget);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), path + "/" + i, node, null, i, depth, limits, budget);
            }
        }
    }

    private void visit(JsonNode value, String path, JsonNode container, String key, int index, int depth,
                       StructureLimits limits, int[] budget) throws Refused {
        spend(budget, limits);
        if (value.isContainerNode()) {
            walk(value, path, depth + 1, limits, budget);
        } else if (value.isTextual()) {
            leaves.add(new Slot(path, value.textValue(), container, key, index));
        }
    }

    private static void spend(int[] budget, StructureLimits limits) throws Refused {
        if (--budget[0] < 0) {
            throw new Refused("structured content has more than " + limits.maxNodes() + " values");
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** String leaves in document order. */
    List<Slot> leaves() {
        return leaves;
    }

    /** Object keys in document order; a key's path is that of its object. */
    List<Slot> keys() {
        return keys;
    }

    /** Replaces the string leaf {@code slot} (one of {@link #leaves()}) with {@code text}. */
    void replace(Slot slot, String text) {
        if (slot.container() instanceof ObjectNode object) {
            object.set(slot.key(), TextNode.valueOf(text));
        } else {
            ((ArrayNode) slot.container()).set(slot.index(), TextNode.valueOf(text));
        }
    }

    ObjectNode root() {
        return root;
    }

    /** The structure as compact JSON text. */
    String write() {
        return root.toString();
    }
}
