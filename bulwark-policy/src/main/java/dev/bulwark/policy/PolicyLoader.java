package dev.bulwark.policy;

import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.exception.InternalException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.spi.policy.Obligation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a policy directory: every {@code *.cedar} file directly inside it, in file-name order, one Cedar policy per
 * statement. Collects every problem it finds instead of stopping at the first.
 */
final class PolicyLoader {
    static final String POLICY_SUFFIX = ".cedar";
    static final String SCHEMA_SUFFIX = ".cedarschema";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a directory held: the policies when {@code problems} is empty, else nothing usable; {@code warnings}
     * name policies that load but look wrong (can never match, permit everything).
     */
    record Outcome(List<LoadedPolicy> policies, List<PolicyProblem> problems, List<PolicyProblem> warnings) {
        Outcome {
            policies = List.copyOf(policies);
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private PolicyLoader() {
    }

    static Outcome load(Path directory, PolicyOptions options) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return rejected(List.of(PolicyProblem.ofFile(directory,
                    "policy directory does not exist or is not a directory")));
        }
        List<Path> policyFiles;
        List<Path> schemaFiles;
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> files = listing.filter(Files::isRegularFile).sorted().toList();
            policyFiles = files.stream().filter(f -> f.getFileName().toString().endsWith(POLICY_SUFFIX)).toList();
            schemaFiles = files.stream().filter(f -> f.getFileName().toString().endsWith(SCHEMA_SUFFIX)).toList();
        } catch (IOException e) {
            return rejected(List.of(PolicyProblem.ofFile(directory,
                    "cannot list policy directory: " + e.getMessage())));
        }
        List<LoadedPolicy> policies = new ArrayList<>();
        for (Path file : policyFiles) {
            readFile(file, policies, problems);
        }
        rejectDuplicateIds(policies, problems);
        Optional<Path> extension = options.schemaExtension();
        if (extension.isEmpty() && schemaFiles.size() > 1) {
            problems.add(PolicyProblem.ofFile(directory, "more than one " + SCHEMA_SUFFIX + " file: " + schemaFiles));
        } else if (extension.isEmpty() && schemaFiles.size() == 1) {
            extension = Optional.of(schemaFiles.get(0));
        }
        if (!problems.isEmpty()) {
            return rejected(problems);
        }
        List<PolicyProblem> warnings = new ArrayList<>();
        if (options.validation() != PolicyValidation.OFF) {
            PolicySchema.Outcome schema = PolicySchema.of(extension);
            if (schema.schema().isEmpty()) {
                return rejected(schema.problems());
            }
            SchemaCheck.Result check = SchemaCheck.check(extension.orElse(directory), schema.schema().get(), policies);
            if (options.validation() == PolicyValidation.STRICT) {
                problems.addAll(check.errors());
            } else {
                warnings.addAll(check.errors());
            }
            warnings.addAll(check.warnings());
        }
        for (LoadedPolicy policy : policies) {
            if (policy.permitsEverything()) {
                warnings.add(new PolicyProblem(policy.file(), policy.line(), policy.column(), "policy `"
                        + policy.id() + "` permits every principal every action on every tool, with no condition"));
            }
        }
        return problems.isEmpty() ? new Outcome(policies, List.of(), warnings) : rejected(problems);
    }

    private static Outcome rejected(List<PolicyProblem> problems) {
        return new Outcome(List.of(), problems, List.of());
    }

    private static void readFile(Path file, List<LoadedPolicy> policies, List<PolicyProblem> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            problems.add(PolicyProblem.ofFile(file, "file is not valid UTF-8"));
            return;
        } catch (IOException e) {
            problems.add(PolicyProblem.ofFile(file, "cannot read file: " + e.getMessage()));
            return;
        }
        CedarSource source = new CedarSource(text);
        int ordinal = 0;
        for (CedarSource.Statement statement : source.statements()) {
            ordinal++;
            int line = source.line(statement.start());
            int column = source.column(statement.start());
            Optional<String> tooDeep = NestingBound.problem(statement.text());
            if (tooDeep.isPresent()) {
                problems.add(new PolicyProblem(file, line, column, tooDeep.get()));
                continue;
            }
            try {
                policies.add(parse(file, ordinal, statement.text(), line, column));
            } catch (InternalException e) {
                int offset = SyntaxErrorLocator.locate(statement.text(), messageOf(e));
                int at = statement.start() + offset;
                problems.add(new PolicyProblem(file, source.line(at), source.column(at), messageOf(e)));
            } catch (RuntimeException | IOException e) {
                problems.add(new PolicyProblem(file, line, column, "cannot read policy: " + e.getMessage()));
            }
        }
    }

    private static LoadedPolicy parse(Path file, int ordinal, String text, int line, int column)
            throws InternalException, IOException {
        Policy parsed = Policy.parseStaticPolicy(text);
        JsonNode json = JSON.readTree(parsed.toJson());
        Map<String, String> annotations = new TreeMap<>(parsed.getAnnotations());
        String id = annotations.containsKey("id") ? annotations.remove("id")
                : file.getFileName() + "#" + ordinal;
        if (id.isBlank()) {
            throw new IllegalArgumentException("@id must not be blank");
        }
        boolean permit = "permit".equals(json.path("effect").asText());
        List<Obligation> obligations = new ArrayList<>();
        if (permit) {
            annotations.forEach((name, value) -> obligations.add(new Obligation(name, value, id)));
        } else if (annotations.containsKey(Obligation.APPROVAL)) {
            // a forbid's @approval lets a human lift it (CedarPolicyEngine.liftable); its other annotations are notes
            obligations.add(new Obligation(Obligation.APPROVAL, annotations.get(Obligation.APPROVAL), id));
        }
        JsonNode conditions = json.path("conditions");
        return new LoadedPolicy(id, permit,
                ScopeConstraint.fromJson(json.path("principal")),
                ScopeConstraint.fromJson(json.path("action")),
                ScopeConstraint.fromJson(json.path("resource")),
                !conditions.isArray() || conditions.isEmpty(),
                obligations, new Policy(text, id), scopeless(json, id), ConditionUse.of(conditions), file, line,
                column);
    }

    /**
     * The policy with its scope left open ({@code principal, action, resource}) and no annotations: what a slice
     * evaluates, its members' scopes being known to match already. Same id, effect and conditions.
     */
    private static Policy scopeless(JsonNode json, String id) throws InternalException {
        ObjectNode open = json.deepCopy();
        for (String scope : new String[] {"principal", "action", "resource"}) {
            open.putObject(scope).put("op", "All");
        }
        open.remove("annotations");
        return Policy.fromJson(id, open.toString());
    }

    private static void rejectDuplicateIds(List<LoadedPolicy> policies, List<PolicyProblem> problems) {
        Map<String, LoadedPolicy> seen = new HashMap<>();
        for (LoadedPolicy policy : policies) {
            LoadedPolicy first = seen.putIfAbsent(policy.id(), policy);
            if (first != null) {
                problems.add(new PolicyProblem(policy.file(), policy.line(), policy.column(),
                        "duplicate policy id '" + policy.id() + "' (first defined at " + first.location() + ")"));
            }
        }
    }

    /** Cedar's messages without the JNI wrapper prefix; several errors are joined. */
    static String messageOf(InternalException e) {
        List<String> errors = e.getErrors();
        if (errors == null || errors.isEmpty()) {
            return String.valueOf(e.getMessage());
        }
        return String.join("; ", errors.stream().map(m -> m.replaceFirst("^Internal JNI Error: ", "")).toList());
    }
}
