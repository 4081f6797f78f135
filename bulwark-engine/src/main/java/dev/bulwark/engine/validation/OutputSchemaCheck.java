package dev.bulwark.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks structured output against the tool's output schema (JSON Schema Draft 2020-12 unless the schema names
 * another draft), with {@code format} asserted, as strict clients do. Used after a guard changed structured output:
 * what no longer conforms must not be delivered as a successful result. Like input schemas, output schemas may come
 * from an upstream and never make Bulwark fetch anything; one that does not compile cannot vouch for any output.
 * Problems name where and which keyword failed, never the value (it may be what a guard just redacted).
 */
public final class OutputSchemaCheck {
    private final ObjectMapper json = new ObjectMapper();
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.block(iri -> !MetaSchemas.isStandard(iri.toString()))));
    private final ConcurrentHashMap<String, Compiled> cache = new ConcurrentHashMap<>();

    /**
     * Why {@code structured} (JSON text of an object) does not conform to the output schema of {@code tool}; empty
     * when it conforms or the tool declares no output schema.
     */
    public Optional<List<String>> problems(Tool tool, String structured) {
        Checks.present(tool, "tool");
        Checks.present(structured, "structured");
        String schemaText = tool.details().outputSchema();
        if (schemaText == null) {
            return Optional.empty();
        }
        Compiled compiled = compiledFor(tool.name(), schemaText);
        if (compiled.schema == null) {
            return Optional.of(List.of(compiled.problem));
        }
        List<Error> errors;
        try {
            errors = compiled.schema.validate(json.readTree(structured),
                    context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        } catch (JsonProcessingException e) {
            return Optional.of(List.of("structured content is not JSON"));
        } catch (RuntimeException e) {
            return Optional.of(List.of("the output schema could not be evaluated: " + e.getClass().getSimpleName()));
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < errors.size() && i < ArgumentValidator.MAX_PROBLEMS; i++) {
            Error error = errors.get(i);
            problems.add(ArgumentValidator.bounded(error.getInstanceLocation() + ": " + error.getKeyword()));
        }
        if (errors.size() > ArgumentValidator.MAX_PROBLEMS) {
            problems.add("and " + (errors.size() - ArgumentValidator.MAX_PROBLEMS) + " more problems");
        }
        return Optional.of(problems);
    }

    private Compiled compiledFor(String toolName, String text) {
        Compiled cached = cache.get(toolName);
        if (cached != null && cached.text.equals(text)) {
            return cached;
        }
        Compiled fresh = compile(text);
        if (cache.size() >= ArgumentValidator.MAX_CACHED_SCHEMAS) {
            cache.clear();
        }
        cache.put(toolName, fresh);
        return fresh;
    }

    private Compiled compile(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                return new Compiled(text, null, "the output schema is not a JSON object");
            }
            JsonNode declared = node.get("$schema");
            if (declared != null && (!declared.isTextual() || !MetaSchemas.isStandard(declared.textValue()))) {
                return new Compiled(text, null, "the output schema names an unsupported $schema");
            }
            Schema schema = schemas.getSchema(node);
            schema.initializeValidators();
            return new Compiled(text, schema, null);
        } catch (JsonProcessingException e) {
            return new Compiled(text, null, "the output schema is not valid JSON");
        } catch (RuntimeException e) {
            return new Compiled(text, null, "the output schema does not compile: "
                    + ArgumentValidator.bounded(e.getMessage()));
        }
    }

    /** A compiled schema, or why there is none, for one schema text. */
    private record Compiled(String text, Schema schema, String problem) {}
}
