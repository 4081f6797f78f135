package dev.bulwark.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Validates policies against a Cedar schema (human-readable {@code .cedarschema} syntax), located per policy. */
final class SchemaCheck {
    private SchemaCheck() {
    }

    static List<PolicyProblem> check(Path schemaFile, List<LoadedPolicy> policies) {
        Schema schema;
        try {
            schema = Schema.parse(Schema.JsonOrCedar.Cedar, Files.readString(schemaFile));
        } catch (IOException e) {
            return List.of(PolicyProblem.ofFile(schemaFile, "cannot read schema: " + e.getMessage()));
        } catch (InternalException e) {
            return List.of(PolicyProblem.ofFile(schemaFile, "invalid schema: " + PolicyLoader.messageOf(e)));
        } catch (RuntimeException e) {
            return List.of(PolicyProblem.ofFile(schemaFile, "invalid schema: " + e.getMessage()));
        }
        Set<Policy> cedarPolicies = new HashSet<>();
        policies.forEach(p -> cedarPolicies.add(p.cedar()));
        Map<String, LoadedPolicy> byId = policies.stream()
                .collect(Collectors.toMap(LoadedPolicy::id, Function.identity()));
        ValidationResponse response;
        try {
            response = new BasicAuthorizationEngine().validate(new ValidationRequest(schema, new PolicySet(cedarPolicies)));
        } catch (AuthException | RuntimeException e) {
            return List.of(PolicyProblem.ofFile(schemaFile, "schema validation failed: " + e.getMessage()));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        response.errors.ifPresent(errors -> errors.forEach(
                error -> problems.add(PolicyProblem.ofFile(schemaFile, "schema validation failed: " + error.message))));
        response.success.ifPresent(success -> success.validationErrors.forEach(error -> {
            LoadedPolicy policy = byId.get(error.getPolicyId());
            DetailedError detail = error.getError();
            String message = detail.message + detail.help.filter(h -> !h.isBlank()).map(h -> " (" + h + ")").orElse("");
            if (policy == null) {
                problems.add(PolicyProblem.ofFile(schemaFile, message));
            } else {
                int offset = detail.sourceLocations.isEmpty() ? 0 : detail.sourceLocations.get(0).start;
                problems.add(policy.problemAt(offset, message));
            }
        }));
        if (problems.isEmpty() && !response.validationPassed()) {
            problems.add(PolicyProblem.ofFile(schemaFile, "policies do not validate against the schema"));
        }
        return problems;
    }
}
