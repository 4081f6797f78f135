package dev.bulwark.data.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonFunctionType;
import net.sf.jsqlparser.expression.JsonKeyValuePair;
import net.sf.jsqlparser.expression.MySQLGroupConcat;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Walks the whole syntax tree of one agent statement, reflectively, so no child can be missed: every node type must
 * be on the {@link SqlAllowList}, and every {@link Table} that is not a column qualifier is either a CTE in lexical
 * scope or a configured table, which is renamed to a marker that {@link RowSecurity} replaces with the policy's
 * derived table. Not thread-safe: one instance per statement.
 */
final class TableRewriter {
    static final String MARKER = "__bulwark_t";

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())
                            || f.getType().getName().startsWith("net.sf.jsqlparser.parser.")) {
                        continue;
                    }
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return List.copyOf(fields);
        }
    };

    private static final Set<String> CATALOG_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast",
            "temp", "sqlite_temp", "sqlite_master", "sqlite_schema");
    private static final java.util.regex.Pattern TIME_KEYS = java.util.regex.Pattern.compile(
            "(?i)(CURRENT_DATE|CURRENT_TIME|CURRENT_TIMESTAMP|LOCALTIME|LOCALTIMESTAMP)(\\s*\\(\\s*\\d\\s*\\))?");
    /** Keywords that read like columns but return session facts in PostgreSQL. */
    private static final Set<String> SESSION_KEYWORDS = Set.of("current_user", "session_user", "user",
            "current_role", "current_schema", "current_catalog", "system_user");

    private static final java.util.regex.Pattern PLAIN_LITERAL = java.util.regex.Pattern.compile("'(?:[^']|'')*'");
    /** Grouping constructs JSqlParser reads as functions inside GROUP BY. */
    private static final Set<String> GROUPING_CONSTRUCTS = Set.of("rollup", "cube");

    private final Map<String, CompiledTable> tables;
    private final SqlDialect dialect;
    private final SqlLimits limits;
    private final SqlFunctions functions;
    private boolean setOperation;
    private final Map<Table, CompiledTable> replaced = OutputOrigins.identityMap();
    /** Sized for a few joins with conditions, so a typical walk does not rehash. */
    private final IdentityHashMap<Object, Boolean> visited = new IdentityHashMap<>(256);
    private final List<CompiledTable> uses = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private int nodes;
    private int depth;

    TableRewriter(Map<String, CompiledTable> tables, SqlDialect dialect, SqlLimits limits, SqlFunctions functions) {
        this.tables = tables;
        this.dialect = dialect;
        this.limits = limits;
        this.functions = functions;
    }

    /** Whether the statement combines rows of several SELECTs (UNION, INTERSECT, EXCEPT, recursive CTEs). */
    boolean hasSetOperation() {
        return setOperation;
    }

    /** The configured table behind each marker, by marker number. */
    List<CompiledTable> uses() {
        return uses;
    }

    /** Names of the configured tables the statement reads, in order of first reference. */
    Set<String> touched() {
        return touched;
    }

    void rewrite(Select statement) throws QueryRejectedException {
        walk(statement, Scope.EMPTY);
    }

    /** The configured table behind each replaced table node. */
    Map<Table, CompiledTable> replaced() {
        return replaced;
    }

    private void walk(Object node, Scope ctes) throws QueryRejectedException {
        if (node == null || visited.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (++nodes > limits.maxNodes()) {
            throw new QueryRejectedException("the query is too large (more than " + limits.maxNodes()
                    + " syntax nodes)");
        }
        if (!SqlAllowList.node(node.getClass())) {
            throw new QueryRejectedException("unsupported SQL construct: " + describe(node.getClass()));
        }
        if (++depth > limits.maxDepth()) {
            throw new QueryRejectedException("the query is nested too deeply (more than " + limits.maxDepth()
                    + " levels of expressions)");
        }
        try {
            visit(node, ctes);
        } finally {
            depth--;
        }
    }

    private void visit(Object node, Scope ctes) throws QueryRejectedException {
        switch (node) {
            case Table table -> reference(table, ctes);
            case Column column -> column(column);
            case AllTableColumns all -> {
                allColumns(all);
                qualifier(all.getTable());
            }
            case AllColumns all -> allColumns(all);
            case net.sf.jsqlparser.statement.select.TableFunction function -> {
                if (function.getPivot() != null || function.getUnPivot() != null
                        || function.getSampleClause() != null
                        || function.getPrefix() != null && !function.getPrefix().equalsIgnoreCase("LATERAL")
                        || function.getWithClause() != null
                        && !function.getWithClause().strip().equalsIgnoreCase("WITH ORDINALITY")) {
                    throw new QueryRejectedException("table-valued functions take no clauses besides LATERAL and "
                            + "WITH ORDINALITY");
                }
                walk(function.getFunction(), ctes);
                walkValue(function.getAlias(), ctes);
            }
            case Function function -> {
                if (function.getName() != null
                        && GROUPING_CONSTRUCTS.contains(function.getName().toLowerCase(Locale.ROOT))) {
                    throw new QueryRejectedException(function.getName().toUpperCase(Locale.ROOT)
                            + " is not a function; it is only allowed as GROUP BY " + function.getName()
                            .toUpperCase(Locale.ROOT) + " (…)" + (dialect == SqlDialect.SQLITE
                            ? ", which SQLite does not support" : ""));
                }
                function(function.getMultipartName(), function.getName());
                if (function.getAttribute() != null || function.getKeep() != null
                        || function.getHavingClause() != null) {
                    throw new QueryRejectedException("unsupported function syntax: " + function.getName());
                }
                walkFields(node, ctes);
            }
            case AnalyticExpression analytic -> {
                function(List.of(analytic.getName()), analytic.getName());
                walkFields(node, ctes);
            }
            case MySQLGroupConcat concat -> {
                if (concat.getSeparator() != null) {
                    throw new QueryRejectedException("GROUP_CONCAT with the SEPARATOR keyword is MySQL syntax; write "
                            + "group_concat(value, 'separator')");
                }
                function(List.of("group_concat"), "group_concat");
                walkFields(node, ctes);
            }
            case JsonFunction json -> json(json, ctes);
            case JsonExpression json -> {
                walk(json.getExpression(), ctes);
                for (Map.Entry<Expression, String> step : json.getIdentList()) {
                    if (!"->".equals(step.getValue()) && !"->>".equals(step.getValue())) {
                        throw new QueryRejectedException("JSON operator " + step.getValue() + " is not supported "
                                + "(use -> or ->>)");
                    }
                    walk(step.getKey(), ctes);
                }
            }
            case GroupByElement group -> groupBy(group, ctes);
            case net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator regex -> {
                if (dialect == SqlDialect.SQLITE) {
                    throw new QueryRejectedException("the regular-expression operators ~ and ~* are PostgreSQL "
                            + "syntax; SQLite has none");
                }
                walkFields(node, ctes);
            }
            case SetOperationList set -> {
                setOperation = true;
                walkFields(node, ctes);
            }
            case TimeKeyExpression key -> {
                if (!TIME_KEYS.matcher(key.getStringValue()).matches()) {
                    throw new QueryRejectedException("unsupported keyword: " + key.getStringValue());
                }
            }
            case StringValue string -> {
                if (string.getPrefix() != null) {
                    throw new QueryRejectedException("prefixed string literals are not supported");
                }
            }
            case CastExpression cast -> {
                if (cast.getColDataType() == null || !SqlAllowList.castType(cast.getColDataType().getDataType())
                        || cast.getColDataType().getArrayData() != null
                        && !cast.getColDataType().getArrayData().isEmpty()) {
                    throw new QueryRejectedException("casts are limited to plain number, text, boolean and date types");
                }
                walk(cast.getLeftExpression(), ctes);
            }
            case Select select -> select(select, ctes);
            case WithItem<?> item -> throw new QueryRejectedException("WITH in an unexpected position");
            default -> walkFields(node, ctes);
        }
    }

    private void select(Select select, Scope ctes) throws QueryRejectedException {
        if (select.getForUpdateTable() != null || select.getForMode() != null || select.getIsolation() != null
                || select.getForClause() != null || select.getWait() != null || select.isSkipLocked()
                || select.isNoWait() || select.getLimitBy() != null || select.getPivot() != null
                || select.getUnPivot() != null) {
            throw new QueryRejectedException("locking, isolation and pivot clauses are not allowed");
        }
        if (select instanceof LateralSubSelect lateral && !"LATERAL".equalsIgnoreCase(lateral.getPrefix())) {
            throw new QueryRejectedException("unsupported lateral form: " + lateral.getPrefix());
        }
        if (select instanceof PlainSelect plain) {
            plainSelect(plain);
        }
        Scope scope = ctes;
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null) {
            boolean recursive = with.stream().anyMatch(WithItem::isRecursive);
            List<String> names = new ArrayList<>();
            for (WithItem<?> item : with) {
                if (item.getAlias() == null || !(item.getParenthesedStatement() instanceof ParenthesedSelect)) {
                    throw new QueryRejectedException("WITH may only define SELECT queries");
                }
                names.add(dialect.normalize(item.getAlias().getName()));
            }
            for (int i = 0; i < with.size(); i++) {
                if (++nodes > limits.maxNodes()) {
                    throw new QueryRejectedException("the query is too large");
                }
                String name = names.get(i);
                // Inside a CTE, the names of later siblings (and, without RECURSIVE, its own name) mean the CTE to
                // SQLite but the table to PostgreSQL: such references are rejected rather than guessed.
                Scope inner = recursive ? scope.define(name) : scope.ambiguous(name);
                for (String later : names.subList(i + 1, names.size())) {
                    inner = inner.ambiguous(later);
                }
                walk(with.get(i).getSelect(), inner);
                walkValue(with.get(i).getWithItemList(), scope);
                scope = scope.define(name);
            }
        }
        for (Field field : FIELDS.get(select.getClass())) {
            if (!field.getName().equals("withItemsList")) {
                walkValue(read(field, select), scope);
            }
        }
    }

    private static void plainSelect(PlainSelect plain) throws QueryRejectedException {
        if (plain.getIntoTables() != null || plain.getIntoTempTable() != null) {
            throw new QueryRejectedException("SELECT INTO is not allowed");
        }
        if (plain.getLateralViews() != null || plain.getOracleHierarchical() != null || plain.getOracleHint() != null
                || plain.getTop() != null || plain.getFirst() != null || plain.getSkip() != null
                || plain.getKsqlWindow() != null || plain.getForXmlPath() != null
                || plain.getPreferringClause() != null || plain.getOptimizeFor() != null
                || plain.getQualify() != null || plain.getBigQuerySelectQualifier() != null
                || plain.getMySqlSqlCacheFlag() != null || plain.isUsingFinal() || plain.isUsingOnly()
                || plain.isEmitChanges() || plain.getMySqlHintStraightJoin() || plain.getMySqlSqlCalcFoundRows()) {
            throw new QueryRejectedException("unsupported dialect-specific SELECT clause");
        }
    }

    private void reference(Table table, Scope ctes) throws QueryRejectedException {
        if (table.getPivot() != null || table.getUnPivot() != null || table.getSampleClause() != null
                || table.getIndexHint() != null || table.getSqlServerHints() != null) {
            throw new QueryRejectedException("table hints, samples and pivots are not allowed");
        }
        List<String> parts = table.getNameParts();
        if (parts.size() > 2 || table.getName() == null) {
            throw new QueryRejectedException("table names may have at most a schema qualifier: "
                    + table.getFullyQualifiedName());
        }
        String written = table.getName();
        String name = dialect.normalize(written);
        String schema = table.getSchemaName() == null ? null : dialect.normalize(table.getSchemaName());
        if (schema == null && ctes.ambiguous().contains(name)) {
            throw new QueryRejectedException("ambiguous reference to " + written + ": inside a WITH clause it names "
                    + "a CTE of that clause that is not yet defined (or the CTE itself without RECURSIVE); "
                    + "rename the CTE");
        }
        if (schema == null && ctes.defined().contains(name)) {
            return;
        }
        if (name.startsWith("sqlite_") || name.startsWith("pg_") || schema != null
                && (CATALOG_SCHEMAS.contains(schema) || schema.startsWith("pg_"))) {
            throw new QueryRejectedException("catalog tables cannot be queried: " + table.getFullyQualifiedName());
        }
        CompiledTable compiled = tables.get(name);
        if (compiled == null) {
            throw new QueryRejectedException("unknown table: " + table.getFullyQualifiedName());
        }
        if (schema != null && !schema.equals(compiled.schema(dialect))) {
            throw new QueryRejectedException("table " + name + " is not configured in schema " + schema);
        }
        if (uses.size() >= limits.maxTableUses()) {
            throw new QueryRejectedException("the query references more than " + limits.maxTableUses() + " tables");
        }
        Alias alias = table.getAlias();
        if (alias == null) {
            table.setAlias(new Alias(written, true));
        } else {
            walkValue(alias.getAliasColumns(), ctes);
        }
        table.setSchemaName(null);
        table.setName(MARKER + uses.size());
        replaced.put(table, compiled);
        uses.add(compiled);
        touched.add(compiled.policy().name());
    }

    private void column(Column column) throws QueryRejectedException {
        if (column.getArrayConstructor() != null) {
            throw new QueryRejectedException("array subscripts are not supported");
        }
        if (column.getTable() == null
                && SESSION_KEYWORDS.contains(column.getColumnName().toLowerCase(Locale.ROOT))) {
            throw new QueryRejectedException("session functions are not allowed: " + column.getColumnName());
        }
        qualifier(column.getTable());
    }

    /** A table name used to qualify a column: a single name, resolved by the database against the FROM list. */
    private static void qualifier(Table table) throws QueryRejectedException {
        if (table != null && (table.getNameParts().size() > 1 || table.getAlias() != null)) {
            throw new QueryRejectedException("column references may be qualified by a table alias only: "
                    + table.getFullyQualifiedName());
        }
    }

    private static void allColumns(AllColumns all) throws QueryRejectedException {
        if (all.getExceptColumns() != null || all.getReplaceExpressions() != null) {
            throw new QueryRejectedException("SELECT * EXCEPT/REPLACE is not supported");
        }
    }

    private void function(List<String> nameParts, String name) throws QueryRejectedException {
        if (nameParts == null || nameParts.size() != 1 || name == null) {
            throw new QueryRejectedException("function names may not be qualified: " + name);
        }
        var forbidden = SqlFunctions.forbiddenReason(name);
        if (forbidden.isPresent()) {
            throw new QueryRejectedException("function not allowed: " + name + " (it " + forbidden.get() + ")");
        }
        if (!functions.allows(name)) {
            throw new QueryRejectedException("function not allowed: " + name + " (not on this connector's "
                    + (dialect == SqlDialect.SQLITE ? "SQLite" : "PostgreSQL") + " function list)");
        }
    }

    /** json_object('key', value, …) and json_array(value, …) in their plain comma forms. */
    private void json(JsonFunction json, Scope ctes) throws QueryRejectedException {
        JsonFunctionType type = json.getType();
        if (type == JsonFunctionType.OBJECT || json.getOnNullType() != null || json.getUniqueKeysType() != null) {
            throw new QueryRejectedException("JSON_OBJECT with KEY/VALUE, ':', ON NULL or UNIQUE KEYS is not "
                    + "supported; write json_object('key', value, …)");
        }
        function(List.of(type == JsonFunctionType.ARRAY ? "json_array" : "json_object"),
                type == JsonFunctionType.ARRAY ? "json_array" : "json_object");
        for (JsonKeyValuePair pair : json.getKeyValuePairs()) {
            if (pair.isUsingKeyKeyword() || pair.isUsingValueKeyword() || pair.isUsingFormatJson()) {
                throw new QueryRejectedException("JSON_OBJECT with KEY/VALUE or FORMAT JSON is not supported");
            }
            Object key = pair.getKey();
            if (key instanceof String text) {
                if (!PLAIN_LITERAL.matcher(text).matches()) {
                    throw new QueryRejectedException("JSON_OBJECT keys must be string literals or expressions");
                }
            } else {
                walkValue(key, ctes);
            }
            walkValue(pair.getValue(), ctes);
        }
        for (var expression : json.getExpressions()) {
            if (expression.isUsingFormatJson()) {
                throw new QueryRejectedException("JSON_ARRAY with FORMAT JSON is not supported");
            }
            walkValue(expression.getExpression(), ctes);
        }
    }

    /** GROUP BY, where ROLLUP (…), CUBE (…) and GROUPING SETS are grouping constructs, not functions. */
    private void groupBy(GroupByElement group, Scope ctes) throws QueryRejectedException {
        if (group.isMysqlWithRollup()) {
            throw new QueryRejectedException("WITH ROLLUP is MySQL syntax; write GROUP BY ROLLUP (…)");
        }
        boolean grouping = group.getGroupingSets() != null && !group.getGroupingSets().isEmpty();
        if (group.getGroupByExpressionList() != null) {
            for (Object item : group.getGroupByExpressionList()) {
                if (item instanceof Function f && f.getName() != null && f.getMultipartName().size() == 1
                        && GROUPING_CONSTRUCTS.contains(f.getName().toLowerCase(Locale.ROOT))
                        && f.getAttribute() == null && f.getKeep() == null && f.getNamedParameters() == null
                        && f.getLimit() == null && f.getHavingClause() == null
                        && f.getOrderByElements() == null && !f.isDistinct() && !f.isAllColumns()) {
                    grouping = true;
                    if (visited.put(f, Boolean.TRUE) == null) {
                        walkValue(f.getParameters(), ctes);
                    }
                    continue;
                }
                walkValue(item, ctes);
            }
        }
        if (grouping && dialect == SqlDialect.SQLITE) {
            throw new QueryRejectedException("GROUP BY ROLLUP, CUBE and GROUPING SETS are not supported by SQLite");
        }
        walkValue(group.getGroupingSets(), ctes);
    }

    private void walkFields(Object node, Scope ctes) throws QueryRejectedException {
        for (Field field : FIELDS.get(node.getClass())) {
            walkValue(read(field, node), ctes);
        }
    }

    private void walkValue(Object value, Scope ctes) throws QueryRejectedException {
        switch (value) {
            case null -> { }
            case String s -> { }
            case Number n -> { }
            case Boolean b -> { }
            case Character c -> { }
            case Enum<?> e -> { }
            case Collection<?> collection -> {
                if (isParserType(collection.getClass()) && !SqlAllowList.node(collection.getClass())) {
                    throw new QueryRejectedException("unsupported SQL construct: " + describe(collection.getClass()));
                }
                for (Object element : collection) {
                    walkValue(element, ctes);
                }
            }
            case Map<?, ?> map -> {
                for (Object element : map.values()) {
                    walkValue(element, ctes);
                }
            }
            case Object[] array -> {
                for (Object element : array) {
                    walkValue(element, ctes);
                }
            }
            default -> {
                if (!isParserType(value.getClass())) {
                    throw new QueryRejectedException("unsupported SQL construct: " + value.getClass().getSimpleName());
                }
                walk(value, ctes);
            }
        }
    }

    private static boolean isParserType(Class<?> type) {
        return type.getName().startsWith("net.sf.jsqlparser.");
    }

    private static Object read(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    /** CTE names visible at a point of the statement, and names whose meaning the databases disagree on there. */
    private record Scope(Set<String> defined, Set<String> ambiguous) {
        static final Scope EMPTY = new Scope(Set.of(), Set.of());

        Scope define(String name) {
            Set<String> d = new HashSet<>(defined);
            d.add(name);
            Set<String> a = new HashSet<>(ambiguous);
            a.remove(name);
            return new Scope(d, a);
        }

        Scope ambiguous(String name) {
            Set<String> a = new HashSet<>(ambiguous);
            a.add(name);
            Set<String> d = new HashSet<>(defined);
            d.remove(name);
            return new Scope(d, a);
        }
    }

    /** SQL names of constructs JSqlParser knows by class name. */
    private static final Map<String, String> SQL_NAMES = Map.ofEntries(
            Map.entry("JdbcParameter", "a parameter (?)"),
            Map.entry("JdbcNamedParameter", "a named parameter (:name)"),
            Map.entry("UserVariable", "a variable (@name)"),
            Map.entry("JsonAggregateFunction", "JSON_OBJECTAGG / JSON_ARRAYAGG (use json_group_array, json_agg "
                    + "or jsonb_agg)"),
            Map.entry("ArrayExpression", "array subscripts"),
            Map.entry("ArrayConstructor", "ARRAY[…]"),
            Map.entry("RowConstructor", "ROW(…)"),
            Map.entry("KeepExpression", "KEEP (…)"),
            Map.entry("SimilarToExpression", "SIMILAR TO"),
            Map.entry("CollateExpression", "COLLATE"),
            Map.entry("XorExpression", "XOR"),
            Map.entry("Fetch", "FETCH FIRST … ROWS (use LIMIT)"),
            Map.entry("FullTextSearch", "MATCH … AGAINST"),
            Map.entry("MySQLGroupConcat", "GROUP_CONCAT with SEPARATOR"),
            Map.entry("OracleHint", "an optimizer hint"),
            Map.entry("TableStatement", "TABLE name (use SELECT * FROM name)"));

    private static String describe(Class<?> type) {
        String known = SQL_NAMES.get(type.getSimpleName());
        return known != null ? known
                : type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
