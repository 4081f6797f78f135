package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import java.util.List;
import java.util.Set;

/**
 * A text after actions were applied.
 *
 * @param text         the rewritten text (for a blocked text: rewritten anyway, safe to record)
 * @param applied      what was done, in order of the original spans
 * @param blockedTypes types whose action is {@link PiiAction#BLOCK}; non-empty means the text must not pass
 */
public record Redaction(String text, List<Applied> applied, Set<String> blockedTypes) {
    public Redaction {
        Checks.present(text, "text");
        applied = List.copyOf(applied);
        blockedTypes = Set.copyOf(blockedTypes);
    }

    public boolean blocked() {
        return !blockedTypes.isEmpty();
    }

    /** Whether the text differs from the original. */
    public boolean changed() {
        return applied.stream().anyMatch(a -> a.action() != PiiAction.ALLOW);
    }

    /** One finding and what was done to it; the span is in the original text. */
    public record Applied(String type, PiiAction action, int start, int end) {
        public Applied {
            Checks.nonBlank(type, "type");
            Checks.present(action, "action");
        }
    }
}
