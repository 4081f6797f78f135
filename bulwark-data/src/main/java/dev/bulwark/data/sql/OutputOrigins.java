package dev.bulwark.data.sql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Which output columns of a statement are plain references to a column of a configured table, read from the syntax
 * tree, the same way for every dialect. Only the simplest shape counts — a top-level SELECT without set operations
 * whose FROM list holds configured tables joined without NATURAL or USING — and every item of it must be a bare
 * column reference or {@code *} to count; anything else (expressions, subqueries, CTEs, renamed columns from derived
 * tables) has no origin, so its values stay screened.
 */
final class OutputOrigins {
    /** A column of a configured table. */
    record Origin(CompiledTable table, String column) {
    }

    private OutputOrigins() {}

    /**
     * The origin of each output column in order (empty for a column without one), or empty when the output columns
     * cannot be mapped (a {@code *} over something that is not a configured table).
     */
    static Optional<List<Optional<Origin>>> of(Select statement, Map<Table, CompiledTable> configured,
                                               SqlDialect dialect, boolean setOperation) {
        if (setOperation || !(statement instanceof PlainSelect plain) || plain.getFromItem() == null) {
            return Optional.empty();
        }
        List<FromItem> from = new ArrayList<>();
        from.add(plain.getFromItem());
        if (plain.getJoins() != null) {
            for (Join join : plain.getJoins()) {
                if (join.isNatural() || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                    return Optional.empty();
                }
                from.add(join.getFromItem());
            }
        }
        Map<String, CompiledTable> byAlias = new LinkedHashMap<>();
        for (FromItem item : from) {
            CompiledTable table = item instanceof Table t ? configured.get(t) : null;
            if (table == null || item.getAlias() == null || item.getAlias().getAliasColumns() != null) {
                return Optional.empty();
            }
            byAlias.put(dialect.normalize(item.getAlias().getName()), table);
        }
        List<Optional<Origin>> origins = new ArrayList<>();
        for (SelectItem<?> item : plain.getSelectItems()) {
            Object expression = item.getExpression();
            switch (expression) {
                case AllTableColumns all -> {
                    CompiledTable table = byAlias.get(dialect.normalize(all.getTable().getName()));
                    if (table == null) {
                        return Optional.empty();
                    }
                    table.policy().columns().forEach(c -> origins.add(Optional.of(new Origin(table, c.name()))));
                }
                case AllColumns all -> byAlias.values().forEach(table -> table.policy().columns()
                        .forEach(c -> origins.add(Optional.of(new Origin(table, c.name())))));
                case Column column -> origins.add(origin(column, byAlias, dialect));
                default -> origins.add(Optional.empty());
            }
        }
        return Optional.of(origins);
    }

    private static Optional<Origin> origin(Column column, Map<String, CompiledTable> byAlias, SqlDialect dialect) {
        String name = dialect.normalize(column.getColumnName());
        List<CompiledTable> candidates = new ArrayList<>();
        if (column.getTable() != null && column.getTable().getName() != null) {
            CompiledTable table = byAlias.get(dialect.normalize(column.getTable().getName()));
            if (table != null) {
                candidates.add(table);
            }
        } else {
            candidates.addAll(byAlias.values());
        }
        List<CompiledTable> having = candidates.stream()
                .filter(t -> t.policy().columns().stream().anyMatch(c -> c.name().equals(name))).toList();
        return having.size() == 1 ? Optional.of(new Origin(having.getFirst(), name)) : Optional.empty();
    }

    /** Identity map for the table nodes the rewrite replaced. */
    static Map<Table, CompiledTable> identityMap() {
        return new IdentityHashMap<>();
    }
}
