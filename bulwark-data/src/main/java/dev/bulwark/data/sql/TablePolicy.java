package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data policy of one table or view: the columns agents may see, and the rules choosing rows and masks.
 * A principal matching no rule sees no rows (deny by default).
 *
 * @param name    the table or view name, lower case
 * @param schema  its schema, or empty for the dialect's default ({@code main} / {@code public})
 * @param columns the visible columns, in output order
 * @param rules   tried in order; the first whose condition matches applies
 */
public record TablePolicy(String name, Optional<String> schema, List<ColumnSpec> columns, List<AccessRule> rules) {
    public TablePolicy {
        Names.requireSimple(name, "table name");
        Checks.present(schema, "schema");
        schema.ifPresent(s -> Names.requireSimple(s, "schema name"));
        columns = List.copyOf(Checks.present(columns, "columns"));
        rules = List.copyOf(Checks.present(rules, "rules"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " must list at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec column : columns) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("table " + name + " lists column " + column.name() + " twice");
            }
        }
        Set<String> ruleNames = new HashSet<>();
        for (AccessRule rule : rules) {
            if (!ruleNames.add(rule.name())) {
                throw new IllegalArgumentException("table " + name + " has two rules named " + rule.name());
            }
            for (String masked : rule.masks().keySet()) {
                if (!seen.contains(masked)) {
                    throw new IllegalArgumentException("rule " + rule.name() + " of table " + name
                            + " masks unknown column " + masked);
                }
            }
        }
    }

    public static TablePolicy of(String name, List<ColumnSpec> columns, AccessRule... rules) {
        return new TablePolicy(name, Optional.empty(), columns, List.of(rules));
    }

    /** Labels of all visible columns. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        columns.forEach(c -> labels.addAll(c.labels()));
        return labels;
    }
}
