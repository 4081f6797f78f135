package dev.bulwark.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The form, checked once: no repeated parameters (except resource/audience), no oversized values. */
record TokenForm(Map<String, List<String>> parameters) {
    /** Parameters that RFC 8707 and RFC 8693 allow to repeat; every other one must appear at most once. */
    static final Set<String> REPEATABLE = Set.of("resource", "audience");

    TokenForm(Map<String, List<String>> parameters, int maxTokenLength) throws Refusal {
        this(parameters);
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            if (e.getValue().size() > 1 && !REPEATABLE.contains(e.getKey())) {
                throw new Refusal(OAuthError.INVALID_REQUEST, "parameter " + safeName(e.getKey())
                        + " must not be repeated", "repeated parameter");
            }
            for (String value : e.getValue()) {
                if (value == null || value.length() > maxTokenLength) {
                    throw new Refusal(OAuthError.INVALID_REQUEST, "parameter " + safeName(e.getKey())
                            + " is missing a value or too long", "oversized parameter");
                }
            }
        }
    }

    Optional<String> one(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() || values.getFirst().isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    List<String> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    String required(String name, Optional<String> agentId) throws Refusal {
        return one(name).orElseThrow(() -> new Refusal(OAuthError.INVALID_REQUEST, name + " is required",
                "missing " + name, agentId));
    }

    private static String safeName(String name) {
        return name.length() <= 40 && name.chars().allMatch(c -> c > 32 && c < 127) ? name : "(unprintable)";
    }
}

