package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data policies of one SQL connector: a table that is not listed here cannot be queried. */
public record SqlDataPolicy(List<TablePolicy> tables) {
    public SqlDataPolicy {
        tables = List.copyOf(Checks.present(tables, "tables"));
        Map<String, TablePolicy> byName = new LinkedHashMap<>();
        for (TablePolicy table : tables) {
            if (byName.put(table.name(), table) != null) {
                throw new IllegalArgumentException("table " + table.name() + " is configured twice");
            }
        }
    }

    public Optional<TablePolicy> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
