package dev.bulwark.engine.validation;

import dev.bulwark.spi.Checks;
import java.util.List;
import java.util.Map;

/** The verdict on a call's arguments. */
public sealed interface ArgumentCheck permits ArgumentCheck.Valid, ArgumentCheck.Invalid, ArgumentCheck.Unverifiable {

    /** The arguments conform; {@code arguments} is a deeply immutable copy of them. */
    record Valid(Map<String, Object> arguments) implements ArgumentCheck {
        public Valid {
            Checks.present(arguments, "arguments");
        }
    }

    /** The arguments break the limits or the schema; {@code problems} are short, bounded, safe to show the agent. */
    record Invalid(List<String> problems) implements ArgumentCheck {
        public Invalid {
            problems = List.copyOf(Checks.present(problems, "problems"));
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an Invalid verdict names at least one problem");
            }
        }
    }

    /** The tool's schema cannot be used (does not parse, does not compile, refers outside itself). */
    record Unverifiable(String reason) implements ArgumentCheck {
        public Unverifiable {
            Checks.nonBlank(reason, "reason");
        }
    }
}
