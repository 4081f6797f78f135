package dev.bulwark.engine.writes;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import java.util.List;
import java.util.Map;

/** The outcome of the write rules for one call; every outcome other than Allow says why. */
public sealed interface WriteVerdict {

    /** No rule objected. */
    record Allow() implements WriteVerdict {}

    /** The call may proceed with {@code arguments} instead of the agent's; {@code changes} says what changed. */
    record Modify(Map<String, Object> arguments, List<String> changes) implements WriteVerdict {
        public Modify {
            arguments = JsonTrees.copyObject(Checks.present(arguments, "arguments"));
            changes = nonEmpty(changes, "changes");
        }
    }

    /** The call needs human approval; it would proceed with {@code arguments} (possibly modified). */
    record Escalate(Map<String, Object> arguments, List<String> reasons, List<String> changes) implements WriteVerdict {
        public Escalate {
            arguments = JsonTrees.copyObject(Checks.present(arguments, "arguments"));
            reasons = nonEmpty(reasons, "reasons");
            changes = List.copyOf(Checks.present(changes, "changes"));
        }
    }

    /** The call is refused; {@code reason} is safe to show the agent (it names rules, never echoes values). */
    record Deny(String reason) implements WriteVerdict {
        public Deny {
            Checks.nonBlank(reason, "reason");
        }
    }

    private static List<String> nonEmpty(List<String> list, String name) {
        List<String> copy = List.copyOf(Checks.present(list, name));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return copy;
    }
}
