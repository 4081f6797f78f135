package dev.bulwark.engine.pipeline;

/** A step needed a fact that an earlier step should have put in the context. Its message holds no call data. */
public final class StepOrderException extends IllegalStateException {
    StepOrderException(String message) {
        super("step ordering: " + message);
    }
}
