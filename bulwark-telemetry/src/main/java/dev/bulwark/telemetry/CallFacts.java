package dev.bulwark.telemetry;

import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.spi.policy.Decision;
import java.util.List;
import java.util.Locale;

/** What telemetry says about a call: names only, never argument values, output or credentials. */
final class CallFacts {
    static final String UNKNOWN_TOOL = "unknown";
    static final String NO_POLICY = "none";

    private static final ClassValue<String> STEP_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return stepName(type.getSimpleName());
        }
    };

    private CallFacts() {}

    /**
     * How the call ended: {@code allowed}, or the refusal in lower case ({@code denied}, {@code approval_required} —
     * held for a human —, {@code unauthenticated}, {@code unknown_tool}, {@code invalid_arguments},
     * {@code connector_failed}, {@code output_blocked}, {@code internal_error}).
     */
    static String effect(Conclusion conclusion) {
        return switch (conclusion.outcome()) {
            case CallOutcome.Completed done -> "allowed";
            case CallOutcome.Refused refused -> refused.code().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The tool as resolved by the registry; a name the registry did not resolve is {@link #UNKNOWN_TOOL}. */
    static String tool(Conclusion conclusion) {
        return conclusion.call().tool().map(t -> t.name()).orElse(UNKNOWN_TOOL);
    }

    /** The policies that determined the decision (permits of an Allow, forbids of a Deny); empty when undecided. */
    static List<String> policyIds(Conclusion conclusion) {
        return conclusion.call().decision().map(Decision::policyIds).orElse(List.of());
    }

    /** The first determining policy, or {@link #NO_POLICY} (not decided, or denied because nothing permitted). */
    static String determiningPolicy(Conclusion conclusion) {
        List<String> ids = policyIds(conclusion);
        return ids.isEmpty() ? NO_POLICY : ids.get(0);
    }

    /** A step's name for labels and spans: {@code ValidateArgumentsStep} is {@code validate_arguments}. */
    static String step(CallStep step) {
        return STEP_NAMES.get(step.getClass());
    }

    static String stepName(String simpleName) {
        String base = simpleName.endsWith("Step") && simpleName.length() > 4
                ? simpleName.substring(0, simpleName.length() - 4) : simpleName;
        if (base.isEmpty()) {
            return "anonymous";
        }
        StringBuilder out = new StringBuilder(base.length() + 4);
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        String name = out.toString().replaceAll("[^a-z0-9_]", "_");
        return name.length() > BoundedLabels.MAX_LENGTH ? name.substring(0, BoundedLabels.MAX_LENGTH) : name;
    }
}
