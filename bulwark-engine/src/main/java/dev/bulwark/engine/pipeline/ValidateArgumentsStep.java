package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.validation.ArgumentCheck;
import dev.bulwark.engine.validation.ArgumentValidator;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Tool;

/**
 * Checks the arguments against the limits and the tool's schema; from here on the context holds an immutable copy
 * of the arguments that later steps and the connector see.
 */
public final class ValidateArgumentsStep implements CallStep {
    private final ArgumentValidator validator;

    public ValidateArgumentsStep(ArgumentValidator validator) {
        this.validator = Checks.present(validator, "validator");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Tool tool = call.requireTool();
        ArgumentCheck check = validator.check(tool, call.request().arguments());
        return switch (check) {
            case ArgumentCheck.Valid valid -> next.proceed(call.withArguments(valid.arguments()));
            case ArgumentCheck.Invalid invalid -> call.refuse(Refusal.INVALID_ARGUMENTS,
                    "invalid arguments for " + tool.name() + ": " + String.join("; ", invalid.problems()));
            case ArgumentCheck.Unverifiable unverifiable -> call.refuse(Refusal.INTERNAL_ERROR,
                    "tool " + tool.name() + " cannot be called: its input schema is unusable",
                    unverifiable.reason());
        };
    }
}
