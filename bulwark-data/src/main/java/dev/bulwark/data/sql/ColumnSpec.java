package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * A column agents may see (columns not configured are invisible).
 *
 * @param name       the column name, lower case
 * @param labels     labels its values carry, e.g. {@code pii}, {@code confidential}
 * @param filterable whether the generated {@code read_<table>} tool offers an equality filter on it
 * @param screened   whether its values still pass the generic PII screening (free text, the default); a column
 *                   the policy decides ({@code screen: false}) is shown or masked as the rules say, and only
 *                   secrets and injection screening apply to it
 */
public record ColumnSpec(String name, Set<String> labels, boolean filterable, boolean screened) {
    public ColumnSpec {
        Names.requireSimple(name, "column name");
        labels = Set.copyOf(Checks.present(labels, "labels"));
    }

    public ColumnSpec(String name, Set<String> labels, boolean filterable) {
        this(name, labels, filterable, true);
    }

    public static ColumnSpec of(String name, String... labels) {
        return new ColumnSpec(name, Set.of(labels), false);
    }

    public ColumnSpec asFilterable() {
        return new ColumnSpec(name, labels, true, screened);
    }

    /** This column with its values decided by the data policy alone ({@code screen: false}). */
    public ColumnSpec decidedByPolicy() {
        return new ColumnSpec(name, labels, filterable, false);
    }
}
