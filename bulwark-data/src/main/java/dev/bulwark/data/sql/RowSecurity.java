package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Row filters and column masks by query rewriting, like Trino's: every reference to a configured table becomes
 * {@code (SELECT <masked columns> FROM schema.table WHERE <row filter>) AS alias}, so predicates, joins, grouping,
 * ordering, aggregates and window functions only ever see permitted rows and masked values. Thread-safe.
 */
public final class RowSecurity {
    private static final int MAX_CACHED_ANALYSES = 1024;
    private static final int MAX_CACHED_SQL_LENGTH = 4096;
    private static final Pattern MARKER = Pattern.compile(TableRewriter.MARKER + "(\\d+)");
    /** JSqlParser's backtracking grammar is exponential in nesting; its costly mode is only tried on shallow SQL. */
    private static final int COMPLEX_PARSING_MAX_NESTING = 6;

    private final SqlDialect dialect;
    private final SqlLimits limits;
    private final SqlFunctions functions;
    private final Map<String, CompiledTable> tables = new HashMap<>();
    /** Least recently used analyses, by SQL text; guarded by itself. */
    private final Map<String, Analysis> analyses = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            return size() > MAX_CACHED_ANALYSES;
        }
    };

    /**
     * Compiles the policy.
     *
     * @throws IllegalArgumentException when a row filter or mask is not valid SQL
     */
    public RowSecurity(SqlDataPolicy policy, SqlDialect dialect, SqlLimits limits) {
        this(policy, dialect, limits, SqlFunctions.defaults(dialect), null);
    }

    /**
     * Compiles the policy with a function list and the key of hash masks.
     *
     * @param hashKey the HMAC-SHA256 key of {@code hash} masks; {@code null} only for a policy without hash masks
     * @throws IllegalArgumentException when a row filter or mask is not valid SQL, the function list is for another
     *                                  dialect, or a hash mask has no key
     */
    public RowSecurity(SqlDataPolicy policy, SqlDialect dialect, SqlLimits limits, SqlFunctions functions,
                       javax.crypto.SecretKey hashKey) {
        Checks.present(policy, "policy");
        this.dialect = Checks.present(dialect, "dialect");
        this.limits = Checks.present(limits, "limits");
        this.functions = Checks.present(functions, "functions");
        if (functions.dialect() != dialect) {
            throw new IllegalArgumentException("the function list is for " + functions.dialect() + ", not " + dialect);
        }
        KeyedHash hash = hashKey == null ? null : new KeyedHash(hashKey);
        for (TablePolicy table : policy.tables()) {
            tables.put(table.name(), new CompiledTable(table, dialect, hash));
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Plans agent SQL for a principal.
     *
     * @throws QueryRejectedException when the SQL is not a single SELECT made only of allowed constructs over
     *                                configured tables
     */
    public QueryPlan plan(String sql, Principal principal, int maxRows) throws QueryRejectedException {
        Checks.present(principal, "principal");
        Analysis analysis = analyze(sql);
        StringBuilder out = new StringBuilder(sql.length() + 320 * analysis.uses().size()).append("SELECT * FROM (");
        List<Object> parameters = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < analysis.uses().size(); i++) {
            CompiledTable.Rendered rendered = analysis.uses().get(i).render(principal);
            out.append(analysis.pieces().get(i)).append(rendered.sql());
            parameters.addAll(rendered.parameters());
            labels.addAll(rendered.labels());
        }
        out.append(analysis.pieces().getLast()).append(") AS bulwark_result LIMIT ").append(maxRows + 1);
        return new QueryPlan(out.toString(), parameters, analysis.tables(), labels, maxRows,
                analysis.governed());
    }

    /**
     * The configured tables a statement reads, for asking policy about each before running it.
     *
     * @throws QueryRejectedException when the statement would be rejected by {@link #plan}
     */
    public List<String> tablesOf(String sql) throws QueryRejectedException {
        return analyze(sql).tables();
    }

    /** Statements that compile only if every configured table, column, filter and mask matches the database. */
    List<String> verificationStatements() {
        List<String> statements = new ArrayList<>();
        tables.values().forEach(t -> statements.addAll(t.verificationStatements()));
        return statements;
    }

    /**
     * The principal-independent part of planning: screening, parsing and the table walk. Its result is cached by
     * SQL text (agents repeat queries), so a repeated statement costs only the rendering of its policies.
     */
    private Analysis analyze(String sql) throws QueryRejectedException {
        String screened = SqlScreen.screen(sql, limits);
        Analysis cached;
        synchronized (analyses) {
            cached = analyses.get(sql);
        }
        if (cached != null) {
            return cached;
        }
        Select select = parse(screened);
        TableRewriter rewriter = new TableRewriter(tables, dialect, limits, functions);
        String body;
        java.util.Set<Integer> governed;
        try {
            rewriter.rewrite(select);
            governed = governed(select, rewriter);
            body = select.toString();
        } catch (RuntimeException | StackOverflowError e) {
            // A syntax tree the walk or the deparser does not handle is refused, never passed on.
            throw new QueryRejectedException("unsupported SQL (" + e.getClass().getSimpleName() + ")");
        }
        boolean[] outside = SqlScreen.outsideQuotes(body);
        List<String> pieces = new ArrayList<>();
        List<CompiledTable> uses = new ArrayList<>();
        boolean[] substituted = new boolean[rewriter.uses().size()];
        Matcher m = MARKER.matcher(body);
        int last = 0;
        while (m.find()) {
            int use = Integer.parseInt(m.group(1));
            if (!outside[m.start()] || use >= substituted.length || substituted[use]) {
                throw new QueryRejectedException("the query could not be rewritten safely");
            }
            substituted[use] = true;
            pieces.add(body.substring(last, m.start()));
            uses.add(rewriter.uses().get(use));
            last = m.end();
        }
        for (boolean done : substituted) {
            if (!done) {
                throw new QueryRejectedException("the query could not be rewritten safely");
            }
        }
        pieces.add(body.substring(last));
        Analysis analysis = new Analysis(List.copyOf(pieces), List.copyOf(uses), List.copyOf(rewriter.touched()),
                governed);
        if (sql.length() <= MAX_CACHED_SQL_LENGTH) {
            synchronized (analyses) {
                analyses.put(sql, analysis);
            }
        }
        return analysis;
    }

    /** Output columns the policy decided; when that cannot be worked out, none (they are all screened then). */
    private java.util.Set<Integer> governed(Select select, TableRewriter rewriter) {
        try {
            return OutputOrigins.governed(select, rewriter.replaced(), dialect, rewriter.hasSetOperation());
        } catch (RuntimeException | StackOverflowError e) {
            return java.util.Set.of();
        }
    }

    /** The rewritten statement as text around the configured table at each marker, in order of appearance. */
    private record Analysis(List<String> pieces, List<CompiledTable> uses, List<String> tables,
                            java.util.Set<Integer> governed) {
    }

    /**
     * Plans the typed read of one table with equality filters on filterable columns; values are bound as
     * parameters and compared with the (masked) values the principal sees.
     */
    public QueryPlan planRead(String table, Map<String, String> equalities, Principal principal, int maxRows)
            throws QueryRejectedException {
        CompiledTable compiled = tables.get(table);
        if (compiled != null) {
            for (String column : equalities.keySet()) {
                boolean filterable = compiled.policy().columns().stream()
                        .anyMatch(c -> c.filterable() && c.name().equals(column));
                if (!filterable) {
                    throw new QueryRejectedException("column " + column + " of " + table + " cannot be filtered on");
                }
            }
        }
        return planRead(table, equalities, Map.of(), principal, maxRows);
    }

    /**
     * Plans a read of one table for a tool bound to it: equality filters and case-insensitive substring filters on
     * any of its visible columns, compared with the (masked) values the principal sees, values bound as parameters.
     */
    public QueryPlan planRead(String table, Map<String, String> equalities, Map<String, String> contains,
                              Principal principal, int maxRows) throws QueryRejectedException {
        CompiledTable compiled = tables.get(table);
        if (compiled == null) {
            throw new QueryRejectedException("unknown table: " + table);
        }
        CompiledTable.Rendered rendered = compiled.render(principal);
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(rendered.sql()).append(" AS ")
                .append(dialect.quote(table));
        List<Object> parameters = new ArrayList<>(rendered.parameters());
        String joiner = " WHERE ";
        for (Map.Entry<String, String> equality : equalities.entrySet()) {
            requireColumn(compiled, equality.getKey());
            sql.append(joiner).append(dialect.quote(equality.getKey())).append(" = ?");
            parameters.add(equality.getValue());
            joiner = " AND ";
        }
        for (Map.Entry<String, String> fragment : contains.entrySet()) {
            requireColumn(compiled, fragment.getKey());
            sql.append(joiner).append("lower(CAST(").append(dialect.quote(fragment.getKey()))
                    .append(" AS TEXT)) LIKE ? ESCAPE '!'");
            parameters.add("%" + fragment.getValue().toLowerCase(java.util.Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            joiner = " AND ";
        }
        sql.append(" LIMIT ").append(maxRows + 1);
        java.util.Set<Integer> governed = new java.util.TreeSet<>();
        for (int i = 0; i < compiled.policy().columns().size(); i++) {
            if (!compiled.policy().columns().get(i).screened()) {
                governed.add(i);
            }
        }
        return new QueryPlan(sql.toString(), parameters, List.of(table), rendered.labels(), maxRows, governed);
    }

    private static void requireColumn(CompiledTable table, String column) throws QueryRejectedException {
        if (table.policy().columns().stream().noneMatch(c -> c.name().equals(column))) {
            throw new QueryRejectedException("column " + column + " of " + table.policy().name() + " is not visible");
        }
    }

    private Select parse(String sql) throws QueryRejectedException {
        Statements statements;
        try {
            statements = parse(sql, false, limits);
        } catch (ParseException simpleFailure) {
            if (SqlScreen.nesting(sql) > COMPLEX_PARSING_MAX_NESTING) {
                throw new QueryRejectedException("the SQL could not be parsed: "
                        + firstLine(simpleFailure.getMessage()));
            }
            try {
                statements = parse(sql, true, limits);
            } catch (ParseException e) {
                throw new QueryRejectedException("the SQL could not be parsed: " + firstLine(e.getMessage()));
            }
        }
        if (statements == null || statements.size() != 1) {
            throw new QueryRejectedException("exactly one statement is required");
        }
        Statement statement = statements.get(0);
        if (!(statement instanceof Select select)) {
            throw new QueryRejectedException("only SELECT statements are allowed");
        }
        return select;
    }

    private static Statements parse(String sql, boolean complex, SqlLimits limits)
            throws ParseException, QueryRejectedException {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
        // Parsing runs on the caller's thread: handing it to an executor (as JSqlParser's own time-out does) costs a
        // thread hop that dominates the rewrite's tail latency.
        try (ParseWatchdog.Watch watch = ParseWatchdog.SHARED.watch(parser, limits.parseTimeout())) {
            return parser.Statements();
        } catch (ParseException e) {
            if (parser.interrupted) {
                throw new QueryRejectedException("the SQL took too long to parse");
            }
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new QueryRejectedException(parser.interrupted ? "the SQL took too long to parse"
                    : "the SQL could not be parsed: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String line = message.strip().lines().findFirst().orElse("syntax error")
                .replaceFirst("^[a-zA-Z.]*(ParseException|JSQLParserException|TokenMgrException): ", "");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
