package dev.bulwark.server.config;

import dev.bulwark.engine.writes.RuleSpec;
import dev.bulwark.engine.writes.ToolRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code writes:} section: tool name or glob to a list of write rules. Each rule is checked as it is read (so an
 * error points at its line); here the tool names are checked and the order kept, since counters are keyed by it.
 */
final class WriteSettings {
    private WriteSettings() {}

    static Map<String, List<RuleSpec>> check(Map<String, List<RuleSpec>> writes) {
        if (writes == null) {
            return Map.of();
        }
        Map<String, List<RuleSpec>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<RuleSpec>> e : writes.entrySet()) {
            List<RuleSpec> rules = e.getValue() == null ? List.of() : e.getValue();
            if (rules.isEmpty() || rules.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("writes." + e.getKey() + " needs a list of rules, none empty");
            }
            new ToolRules(e.getKey(), List.of()); // validates the name or glob
            copy.put(e.getKey(), List.copyOf(rules));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The rules in configuration order. */
    static List<ToolRules> toRules(Map<String, List<RuleSpec>> writes) {
        List<ToolRules> out = new ArrayList<>();
        writes.forEach((tools, specs) -> out.add(new ToolRules(tools, specs.stream().map(RuleSpec::toRule).toList())));
        return List.copyOf(out);
    }
}
