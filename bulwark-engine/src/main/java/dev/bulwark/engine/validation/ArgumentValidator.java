package dev.bulwark.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a call's arguments: first the {@link ArgumentLimits}, then the tool's input schema (JSON Schema Draft
 * 2020-12 unless the schema names another draft in {@code $schema}).
 *
 * <p>Schemas are compiled once per tool and recompiled only when the tool's schema text changes. A schema that does
 * not compile, or that refers to anything outside itself (remote or classpath {@code $ref}), makes the tool
 * unverifiable: tool schemas may come from an upstream server and are never allowed to make Bulwark fetch anything.
 */
public final class ArgumentValidator {
    static final int MAX_PROBLEMS = 10;
    static final int MAX_PROBLEM_LENGTH = 200;
    static final int MAX_CACHED_SCHEMAS = 10_000;

    private final ArgumentLimits limits;
    private final ObjectMapper json = new ObjectMapper();
    private final SchemaRegistry schemas;
    private final ConcurrentHashMap<String, Compiled> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Schema> metaSchemas = new ConcurrentHashMap<>();

    public ArgumentValidator(ArgumentLimits limits) {
        this.limits = Checks.present(limits, "limits");
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.block(iri -> !MetaSchemas.isStandard(iri.toString()))));
    }

    public ArgumentValidator() {
        this(ArgumentLimits.DEFAULT);
    }

    public ArgumentLimits limits() {
        return limits;
    }

    public ArgumentCheck check(Tool tool, Map<String, Object> arguments) {
        Checks.present(tool, "tool");
        JsonNode node;
        try {
            node = ArgumentTree.convert(arguments == null ? Map.of() : arguments, limits);
        } catch (ArgumentTree.Rejected rejected) {
            return new ArgumentCheck.Invalid(List.of(rejected.getMessage()));
        }
        Compiled compiled = compiledFor(tool);
        if (compiled.schema == null) {
            return new ArgumentCheck.Unverifiable(compiled.problem);
        }
        List<Error> errors;
        try {
            errors = compiled.schema.validate(node);
        } catch (RuntimeException e) {
            return new ArgumentCheck.Unverifiable("the input schema of " + tool.name() + " could not be evaluated: "
                    + e.getClass().getSimpleName());
        }
        if (!errors.isEmpty()) {
            return new ArgumentCheck.Invalid(problems(errors));
        }
        return new ArgumentCheck.Valid(JsonTrees.copyObject(arguments));
    }

    private Compiled compiledFor(Tool tool) {
        String text = tool.inputSchema();
        Compiled cached = cache.get(tool.name());
        if (cached != null && (cached.text == text || cached.text.equals(text))) {
            return cached;
        }
        Compiled fresh = compile(tool.name(), text);
        if (cache.size() >= MAX_CACHED_SCHEMAS) {
            cache.clear();
        }
        cache.put(tool.name(), fresh);
        return fresh;
    }

    private Compiled compile(String toolName, String text) {
        JsonNode schemaNode;
        try {
            schemaNode = json.readTree(text);
        } catch (JsonProcessingException e) {
            return Compiled.broken(text, "the input schema of " + toolName + " is not valid JSON");
        }
        if (schemaNode == null || !schemaNode.isObject()) {
            return Compiled.broken(text, "the input schema of " + toolName + " is not a JSON object");
        }
        try {
            List<Error> metaErrors = metaSchemaFor(schemaNode).validate(schemaNode);
            if (!metaErrors.isEmpty()) {
                return Compiled.broken(text, "the input schema of " + toolName + " breaks its meta-schema: "
                        + String.join("; ", problems(metaErrors)));
            }
            Schema schema = schemas.getSchema(schemaNode);
            schema.initializeValidators();
            return new Compiled(text, schema, null);
        } catch (RuntimeException e) {
            return Compiled.broken(text, "the input schema of " + toolName + " does not compile: "
                    + bounded(e.getMessage()));
        }
    }

    /** The meta-schema named by {@code $schema}, else Draft 2020-12's; loaded once per dialect. */
    private Schema metaSchemaFor(JsonNode schemaNode) {
        JsonNode declared = schemaNode.get("$schema");
        String dialect = declared != null && declared.isTextual() ? declared.textValue()
                : SpecificationVersion.DRAFT_2020_12.getDialectId();
        if (!MetaSchemas.isStandard(dialect)) {
            throw new IllegalArgumentException("unsupported $schema " + bounded(dialect));
        }
        return metaSchemas.computeIfAbsent(dialect, id -> {
            Schema meta = schemas.getSchema(SchemaLocation.of(id));
            meta.initializeValidators();
            return meta;
        });
    }

    static List<String> problems(List<Error> errors) {
        List<String> problems = new ArrayList<>(Math.min(errors.size(), MAX_PROBLEMS + 1));
        for (int i = 0; i < errors.size() && i < MAX_PROBLEMS; i++) {
            problems.add(bounded(errors.get(i).toString()));
        }
        if (errors.size() > MAX_PROBLEMS) {
            problems.add("and " + (errors.size() - MAX_PROBLEMS) + " more problems");
        }
        return problems;
    }

    static String bounded(String message) {
        if (message == null) {
            return "no detail";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_PROBLEM_LENGTH) + 1);
        for (int i = 0; i < message.length() && out.length() < MAX_PROBLEM_LENGTH; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (message.length() > MAX_PROBLEM_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }

    /** A compiled schema, or why there is none, for one schema text. */
    private record Compiled(String text, Schema schema, String problem) {
        static Compiled broken(String text, String problem) {
            return new Compiled(text, null, problem);
        }
    }
}
