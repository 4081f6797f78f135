package dev.bulwark.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validates policies against a Cedar schema in Cedar's strict mode, located per policy. Cedar's errors (unknown
 * entity type, action or attribute, type mismatch) and its warnings (a policy that can never match) are kept apart.
 */
final class SchemaCheck {
    /** What validation found; both lists are located at the offending policy text. */
    record Result(List<PolicyProblem> errors, List<PolicyProblem> warnings) {
        Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private SchemaCheck() {
    }

    static Result check(Path origin, Schema schema, List<LoadedPolicy> policies) {
        Set<Policy> cedarPolicies = new HashSet<>();
        policies.forEach(p -> cedarPolicies.add(p.cedar()));
        Map<String, LoadedPolicy> byId = policies.stream()
                .collect(Collectors.toMap(LoadedPolicy::id, Function.identity()));
        ValidationResponse response;
        try {
            response = new BasicAuthorizationEngine().validate(new ValidationRequest(schema, new PolicySet(cedarPolicies)));
        } catch (AuthException | RuntimeException e) {
            return new Result(List.of(PolicyProblem.ofFile(origin, "schema validation failed: " + e.getMessage())),
                    List.of());
        }
        List<PolicyProblem> errors = new ArrayList<>();
        List<PolicyProblem> warnings = new ArrayList<>();
        response.errors.ifPresent(list -> list.forEach(
                error -> errors.add(PolicyProblem.ofFile(origin, "schema validation failed: " + error.message))));
        response.success.ifPresent(success -> {
            located(success.validationErrors, byId, origin, errors);
            located(success.validationWarnings, byId, origin, warnings);
        });
        if (errors.isEmpty() && !response.validationPassed()) {
            errors.add(PolicyProblem.ofFile(origin, "policies do not validate against the schema"));
        }
        return new Result(errors, warnings);
    }

    /**
     * One problem per policy, source span and error: Cedar repeats an error once per action the policy may apply to
     * ({@code ... in context for Bulwark::Action::"read"}, then {@code "write"}, ...). Sorted, so equal directories
     * give equal reports.
     */
    private static void located(List<ValidationResponse.ValidationError> found, Map<String, LoadedPolicy> byId,
                                Path origin, List<PolicyProblem> out) {
        Set<String> seen = new HashSet<>();
        List<PolicyProblem> problems = new ArrayList<>();
        for (ValidationResponse.ValidationError error : found) {
            DetailedError detail = error.getError();
            int start = detail.sourceLocations.isEmpty() ? 0 : detail.sourceLocations.get(0).start;
            int end = detail.sourceLocations.isEmpty() ? 0 : detail.sourceLocations.get(0).end;
            String message = detail.message.replaceFirst("^for policy `([^`]*)`[,:] ", "policy `$1`: ")
                    + detail.help.filter(h -> !h.isBlank()).map(h -> " (" + h + ")").orElse("");
            String perAction = message.replaceFirst(" for Bulwark::Action::\"[^\"]*\"", "");
            if (!seen.add(error.getPolicyId() + "@" + start + "-" + end + ":" + perAction)) {
                continue;
            }
            LoadedPolicy policy = byId.get(error.getPolicyId());
            problems.add(policy == null ? PolicyProblem.ofFile(origin, perAction) : policy.problemAt(start, perAction));
        }
        problems.sort(Comparator.comparing((PolicyProblem p) -> p.file().toString())
                .thenComparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column)
                .thenComparing(PolicyProblem::message));
        out.addAll(problems);
    }
}
