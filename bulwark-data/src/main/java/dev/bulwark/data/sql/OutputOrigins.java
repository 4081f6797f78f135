package dev.bulwark.data.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Which output columns of a statement show only values the data policy decided, read from the syntax tree, the same
 * way for every dialect. Only the simplest shape counts — a top-level SELECT without set operations whose FROM list
 * holds configured tables joined without NATURAL or USING — and an output column counts when every column its
 * expression reads is a policy-decided ({@code screen: false}) column of one of those tables and it holds no
 * subquery: a bare reference, {@code *}, or a function, aggregate or concatenation of such columns and the agent's own
 * literals. Anything else (free-text columns, subqueries, CTEs, derived tables) stays screened.
 */
final class OutputOrigins {
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c.getName().startsWith("net.sf.jsqlparser."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())
                            && !f.getType().getName().startsWith("net.sf.jsqlparser.parser.")) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private OutputOrigins() {}

    /** Identity map for the table nodes the rewrite replaced. */
    static Map<Table, CompiledTable> identityMap() {
        return new IdentityHashMap<>();
    }

    /** Indexes of the output columns whose values the policy decided; empty when the shape is not understood. */
    static Set<Integer> governed(Select statement, Map<Table, CompiledTable> configured, SqlDialect dialect,
                                 boolean setOperation) {
        Set<Integer> governed = new TreeSet<>();
        Map<String, CompiledTable> byAlias = fromList(statement, configured, dialect, setOperation).orElse(null);
        if (byAlias == null) {
            return Set.of();
        }
        int index = 0;
        for (SelectItem<?> item : ((PlainSelect) statement).getSelectItems()) {
            Object expression = item.getExpression();
            List<CompiledTable> expanded;
            if (expression instanceof AllTableColumns all) {
                CompiledTable table = byAlias.get(dialect.normalize(all.getTable().getName()));
                if (table == null) {
                    return Set.of();
                }
                expanded = List.of(table);
            } else if (expression instanceof AllColumns) {
                expanded = List.copyOf(byAlias.values());
            } else {
                if (decided(expression, byAlias, dialect)) {
                    governed.add(index);
                }
                index++;
                continue;
            }
            for (CompiledTable table : expanded) {
                for (ColumnSpec column : table.policy().columns()) {
                    if (!column.screened()) {
                        governed.add(index);
                    }
                    index++;
                }
            }
        }
        return Set.copyOf(governed);
    }

    /** The configured tables of the FROM list by alias, if the statement has the shape this class understands. */
    private static Optional<Map<String, CompiledTable>> fromList(Select statement, Map<Table, CompiledTable> configured,
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
        return Optional.of(byAlias);
    }

    /** Whether every column {@code node} reads is policy-decided and it holds no subquery. */
    private static boolean decided(Object node, Map<String, CompiledTable> byAlias, SqlDialect dialect) {
        return switch (node) {
            case null -> true;
            case Enum<?> constant -> true;
            case Select select -> false;
            case Column column -> decidedColumn(column, byAlias, dialect);
            case Collection<?> items -> items.stream().allMatch(i -> decided(i, byAlias, dialect));
            case Map<?, ?> map -> map.values().stream().allMatch(v -> decided(v, byAlias, dialect))
                    && map.keySet().stream().allMatch(k -> decided(k, byAlias, dialect));
            case Map.Entry<?, ?> entry -> decided(entry.getKey(), byAlias, dialect)
                    && decided(entry.getValue(), byAlias, dialect);
            case Object[] array -> java.util.Arrays.stream(array).allMatch(i -> decided(i, byAlias, dialect));
            default -> {
                if (!node.getClass().getName().startsWith("net.sf.jsqlparser.")) {
                    yield true;
                }
                for (Field field : FIELDS.get(node.getClass())) {
                    try {
                        if (!decided(field.get(node), byAlias, dialect)) {
                            yield false;
                        }
                    } catch (IllegalAccessException e) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    private static boolean decidedColumn(Column column, Map<String, CompiledTable> byAlias, SqlDialect dialect) {
        String name = dialect.normalize(column.getColumnName());
        List<CompiledTable> candidates = new ArrayList<>();
        if (column.getTable() != null && column.getTable().getName() != null) {
            CompiledTable table = byAlias.get(dialect.normalize(column.getTable().getName()));
            if (table == null) {
                return false;
            }
            candidates.add(table);
        } else {
            candidates.addAll(byAlias.values());
        }
        List<ColumnSpec> having = candidates.stream().flatMap(t -> t.policy().columns().stream())
                .filter(c -> c.name().equals(name)).toList();
        return having.size() == 1 && !having.getFirst().screened();
    }
}
