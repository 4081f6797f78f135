package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * A column agents may see (columns not configured are invisible).
 *
 * @param name       the column name, lower case
 * @param labels     labels its values carry, e.g. {@code pii}, {@code confidential}
 * @param filterable whether the generated {@code read_<table>} tool offers an equality filter on it
 */
public record ColumnSpec(String name, Set<String> labels, boolean filterable) {
    public ColumnSpec {
        Names.requireSimple(name, "column name");
        labels = Set.copyOf(Checks.present(labels, "labels"));
    }

    public static ColumnSpec of(String name, String... labels) {
        return new ColumnSpec(name, Set.of(labels), false);
    }

    public ColumnSpec asFilterable() {
        return new ColumnSpec(name, labels, true);
    }
}
