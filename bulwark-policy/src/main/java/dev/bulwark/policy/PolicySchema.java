package dev.bulwark.policy;

import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.schema.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema policies are validated against: Bulwark's own {@code bulwark.cedarschema} (shipped in this module),
 * extended by a deployment's declarations. An extension is a Cedar schema in {@code namespace Bulwark} that may only
 * add String attributes to {@code Agent} and {@code User} (the engine passes their free attributes as strings) and
 * attributes to the common types {@code Arguments} and {@code FlowArgs}; it cannot add entity types or actions, or
 * change what the engine itself passes, since a policy naming something the engine never sends would silently never match.
 */
final class PolicySchema {
    static final String RESOURCE = "/bulwark.cedarschema";
    private static final String NAMESPACE = "Bulwark";
    private static final Set<String> EXTENSIBLE_ENTITIES = Set.of("Agent", "User");
    private static final Set<String> EXTENSIBLE_TYPES = Set.of("Arguments", "FlowArgs");
    private static final JsonNode BASE = base();

    /** A schema ready for Cedar, or the problems of the extension. */
    record Outcome(Optional<Schema> schema, List<PolicyProblem> problems) {
        Outcome {
            problems = List.copyOf(problems);
        }
    }

    private PolicySchema() {
    }

    /** Bulwark's schema text, for {@code bulwark policy schema} and documentation. */
    static String text() {
        try (InputStream in = PolicySchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome of(Optional<Path> extension) {
        if (extension.isEmpty()) {
            return new Outcome(Optional.of(new Schema(BASE)), List.of());
        }
        Path file = extension.get();
        JsonNode declared;
        try {
            String text = Files.readString(file);
            Optional<String> tooDeep = NestingBound.schemaProblem(text);
            if (tooDeep.isPresent()) {
                return failed(file, "invalid schema extension: " + tooDeep.get());
            }
            declared = Schema.parse(Schema.JsonOrCedar.Cedar, text).toJsonFormat();
        } catch (IOException e) {
            return failed(file, "cannot read schema extension: " + e.getMessage());
        } catch (InternalException e) {
            return failed(file, "invalid schema extension: " + PolicyLoader.messageOf(e));
        } catch (RuntimeException e) {
            return failed(file, "invalid schema extension: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        ObjectNode merged = BASE.deepCopy();
        merge(declared, (ObjectNode) merged.get(NAMESPACE), errors);
        if (!errors.isEmpty()) {
            return new Outcome(Optional.empty(), errors.stream().map(m -> PolicyProblem.ofFile(file, m)).toList());
        }
        return new Outcome(Optional.of(new Schema(merged)), List.of());
    }

    private static void merge(JsonNode declared, ObjectNode base, List<String> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> namespace = it.next();
            if (!namespace.getKey().equals(NAMESPACE)) {
                if (!isEmptyNamespace(namespace.getValue())) {
                    errors.add("declarations must be inside `namespace " + NAMESPACE + " { ... }`, found namespace `"
                            + namespace.getKey() + "`");
                }
                continue;
            }
            JsonNode body = namespace.getValue();
            // Restating Bulwark's own declarations unchanged is allowed (a copy of bulwark.cedarschema extends nothing).
            body.path("actions").fields().forEachRemaining(action -> {
                if (!action.getValue().equals(base.path("actions").path(action.getKey()))) {
                    errors.add("an extension cannot declare or change action `" + action.getKey()
                            + "`: the engine decides only " + names(base.get("actions")));
                }
            });
            mergeRecords(body.path("entityTypes"), (ObjectNode) base.get("entityTypes"), EXTENSIBLE_ENTITIES, true,
                    "entity type", errors);
            mergeRecords(body.path("commonTypes"), (ObjectNode) base.get("commonTypes"), EXTENSIBLE_TYPES, false,
                    "type", errors);
        }
    }

    private static void mergeRecords(JsonNode declared, ObjectNode base, Set<String> extensible, boolean entity,
                                     String what, List<String> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            String name = type.getKey();
            JsonNode body = type.getValue();
            JsonNode own = base.path(name);
            if (body.equals(own)) {
                continue;
            }
            if (!extensible.contains(name)) {
                errors.add("an extension cannot declare or change " + what + " `" + name + "`; it may only add"
                        + " attributes to " + String.join(", ", extensible.stream().sorted().toList()));
                continue;
            }
            if (entity && (body.has("memberOfTypes") && !body.get("memberOfTypes").equals(own.path("memberOfTypes"))
                    || body.has("tags")
                    || body.has("enum"))) {
                errors.add("an extension may only add attributes to entity type `" + name + "`");
                continue;
            }
            JsonNode attributes = (entity ? body.path("shape") : body).path("attributes");
            ObjectNode holder = (ObjectNode) own;
            ObjectNode target = !entity ? holder : holder.has("shape") ? (ObjectNode) holder.get("shape")
                    : holder.putObject("shape").put("type", "Record");
            ObjectNode targetAttributes = target.has("attributes") ? (ObjectNode) target.get("attributes")
                    : target.putObject("attributes");
            for (Iterator<Map.Entry<String, JsonNode>> attrs = attributes.fields(); attrs.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = attrs.next();
                JsonNode existing = targetAttributes.get(attribute.getKey());
                if (existing != null) {
                    if (!existing.equals(attribute.getValue())) {
                        errors.add("attribute `" + attribute.getKey() + "` of `" + name
                                + "` is declared by Bulwark and cannot be changed");
                    }
                } else if (entity && !isString(attribute.getValue())) {
                    errors.add("attribute `" + attribute.getKey() + "` of `" + name + "` must be a String: Bulwark"
                            + " passes agent and user attributes as strings");
                } else {
                    targetAttributes.set(attribute.getKey(), attribute.getValue());
                }
            }
        }
    }

    private static boolean isString(JsonNode type) {
        String kind = type.path("type").asText();
        return "String".equals(kind) || ("EntityOrCommon".equals(kind) && "String".equals(type.path("name").asText()));
    }

    private static boolean isEmptyNamespace(JsonNode body) {
        return body.path("entityTypes").isEmpty() && body.path("actions").isEmpty()
                && body.path("commonTypes").isEmpty();
    }

    private static String names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return String.join(", ", out);
    }

    private static Outcome failed(Path file, String message) {
        return new Outcome(Optional.empty(), List.of(PolicyProblem.ofFile(file, message)));
    }

    private static JsonNode base() {
        try {
            return Schema.parse(Schema.JsonOrCedar.Cedar, text()).toJsonFormat();
        } catch (InternalException | IOException e) {
            throw new IllegalStateException("Bulwark's own schema " + RESOURCE + " does not parse", e);
        }
    }
}
