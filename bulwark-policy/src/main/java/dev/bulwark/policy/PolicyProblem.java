package dev.bulwark.policy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One reason a policy directory cannot be loaded, located like a compiler error.
 *
 * @param file    the file at fault (the directory itself when the problem is not in one file)
 * @param line    1-based line, or 0 when the problem concerns the whole file
 * @param column  1-based column, or 0 when the problem concerns the whole file
 * @param message what is wrong, in Cedar's words where Cedar found it
 */
public record PolicyProblem(Path file, int line, int column, String message) {
    public PolicyProblem {
        Objects.requireNonNull(file, "file must not be null");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
        Objects.requireNonNull(message, "message must not be null");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    static PolicyProblem ofFile(Path file, String message) {
        return new PolicyProblem(file, 0, 0, message);
    }

    /** {@code file:line:column: message}, the form editors and CI logs recognise. */
    @Override
    public String toString() {
        return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
    }
}
