package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import java.util.Map;
import java.util.Set;

/** The verdict on the arguments of a call leaving the gateway. */
public sealed interface EgressScreening permits EgressScreening.Allowed, EgressScreening.Blocked {

    /** The call may go out with {@code arguments} (redacted as the rules say); {@code types} were found. */
    record Allowed(Map<String, Object> arguments, Set<String> types) implements EgressScreening {
        public Allowed {
            arguments = JsonTrees.copyObject(arguments);
            types = Set.copyOf(types);
        }
    }

    /** The call must not go out. */
    record Blocked(String reason) implements EgressScreening {
        public Blocked {
            Checks.nonBlank(reason, "reason");
        }
    }
}
