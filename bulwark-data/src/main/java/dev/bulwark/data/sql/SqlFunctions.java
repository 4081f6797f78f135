package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The functions agent SQL may call on one connector: the dialect's safe defaults (string, date, math, aggregate,
 * window and JSON functions that read nothing but their arguments), plus the configured additions, minus the
 * configured removals. Functions that reach outside the query's rows — files, extensions, other databases, large
 * objects, settings, the catalog, connection state, or SQL text run as a query — can never be allowed: configuring
 * one fails at start-up with the reason.
 */
public final class SqlFunctions {
    private static final Set<String> COMMON = Set.of(
            "count", "sum", "avg", "min", "max",
            "abs", "round", "ceil", "ceiling", "floor", "sign", "mod", "power", "sqrt", "exp", "ln", "log", "log10",
            "pi", "trunc", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
            "coalesce", "nullif", "lower", "upper", "length", "octet_length", "substr", "substring", "trim",
            "ltrim", "rtrim", "replace", "concat", "concat_ws", "string_agg", "json_object", "json_array",
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
            "first_value", "last_value", "nth_value");

    private static final Set<String> SQLITE = union(COMMON, Set.of(
            "total", "group_concat", "ifnull", "iif", "instr", "printf", "format", "hex", "unhex", "char", "unicode",
            "quote", "typeof", "likely", "unlikely", "soundex", "pow", "log2",
            "date", "time", "datetime", "julianday", "strftime", "unixepoch", "timediff",
            "json", "jsonb", "json_array_length", "json_extract", "jsonb_extract", "json_insert", "json_patch",
            "json_remove", "json_replace", "json_set", "json_type", "json_valid", "json_quote", "json_group_array",
            "json_group_object", "jsonb_object", "jsonb_array",
            "json_each", "json_tree"));

    private static final Set<String> POSTGRESQL = union(COMMON, Set.of(
            "array_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or",
            "every", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "percentile_cont",
            "percentile_disc", "mode", "corr", "covar_pop", "covar_samp", "grouping",
            "cbrt", "div", "width_bucket", "greatest", "least", "gcd", "lcm", "scale",
            "initcap", "char_length", "character_length", "bit_length", "btrim", "position", "strpos", "left",
            "right", "lpad", "rpad", "reverse", "split_part", "format", "to_char", "to_number", "to_date",
            "to_timestamp", "regexp_replace", "regexp_match", "regexp_matches", "regexp_split_to_array",
            "regexp_count", "regexp_like", "starts_with", "translate", "ascii", "chr", "md5", "quote_literal",
            "quote_ident",
            "now", "date_trunc", "date_part", "age", "make_date", "make_time", "make_timestamp", "make_interval",
            "justify_days", "justify_hours", "justify_interval", "isfinite", "date_bin",
            "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array", "to_json", "to_jsonb",
            "json_extract_path", "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text",
            "json_array_length", "jsonb_array_length", "json_typeof", "jsonb_typeof", "jsonb_pretty",
            "json_strip_nulls", "jsonb_strip_nulls", "jsonb_set", "jsonb_insert", "json_object_keys",
            "jsonb_object_keys", "array_to_string", "string_to_array", "array_length", "cardinality", "unnest",
            "array_position", "array_remove", "array_append",
            "generate_series", "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements",
            "json_array_elements_text", "jsonb_array_elements", "jsonb_array_elements_text", "regexp_split_to_table"));

    /** Never allowed, whatever the configuration says: name → what it would reach. */
    private static final java.util.Map<String, String> FORBIDDEN = java.util.Map.ofEntries(
            java.util.Map.entry("load_extension", "loads native code into the database"),
            java.util.Map.entry("readfile", "reads files on the database host"),
            java.util.Map.entry("writefile", "writes files on the database host"),
            java.util.Map.entry("edit", "starts an editor"),
            java.util.Map.entry("fts3_tokenizer", "registers native code"),
            java.util.Map.entry("randomblob", "allocates memory at will"),
            java.util.Map.entry("zeroblob", "allocates memory at will"),
            java.util.Map.entry("changes", "reveals connection state"),
            java.util.Map.entry("total_changes", "reveals connection state"),
            java.util.Map.entry("last_insert_rowid", "reveals connection state"),
            java.util.Map.entry("set_config", "changes settings (row security among them)"),
            java.util.Map.entry("current_setting", "reads server settings"),
            java.util.Map.entry("current_database", "reads session facts"),
            java.util.Map.entry("current_schema", "reads session facts"),
            java.util.Map.entry("current_schemas", "reads session facts"),
            java.util.Map.entry("current_user", "reads session facts"),
            java.util.Map.entry("session_user", "reads session facts"),
            java.util.Map.entry("inet_server_addr", "reads server facts"),
            java.util.Map.entry("inet_client_addr", "reads server facts"),
            java.util.Map.entry("version", "reads server facts"),
            java.util.Map.entry("nextval", "changes sequences"),
            java.util.Map.entry("setval", "changes sequences"),
            java.util.Map.entry("currval", "reads sequence state"),
            java.util.Map.entry("lastval", "reads sequence state"),
            java.util.Map.entry("ts_stat", "runs SQL text as a query"),
            java.util.Map.entry("ts_rewrite", "runs SQL text as a query"),
            java.util.Map.entry("query_to_xml", "runs SQL text as a query"),
            java.util.Map.entry("query_to_xmlschema", "runs SQL text as a query"),
            java.util.Map.entry("query_to_xml_and_xmlschema", "runs SQL text as a query"),
            java.util.Map.entry("cursor_to_xml", "reads a cursor"),
            java.util.Map.entry("crosstab", "runs SQL text as a query"),
            java.util.Map.entry("to_regclass", "reads the catalog"),
            java.util.Map.entry("obj_description", "reads the catalog"),
            java.util.Map.entry("col_description", "reads the catalog"),
            java.util.Map.entry("format_type", "reads the catalog"),
            java.util.Map.entry("row_security_active", "reads the catalog"),
            java.util.Map.entry("txid_current", "reads transaction state"));

    /** Prefixes of whole families that are never allowed, with the reason. */
    private static final java.util.Map<Pattern, String> FORBIDDEN_FAMILIES = java.util.Map.of(
            Pattern.compile("pg_.*"), "server administration and catalog functions (pg_*)",
            Pattern.compile("lo_.*"), "large-object functions (lo_*) that read and write server files",
            Pattern.compile("dblink.*"), "dblink, which queries other databases",
            Pattern.compile("sqlite_.*"), "SQLite internals (sqlite_*)",
            Pattern.compile("bulwark.*"), "Bulwark's own mask functions",
            Pattern.compile("(table|schema|database)_to_xml.*"), "functions that dump whole tables",
            Pattern.compile("has_.*_privilege"), "privilege checks that read the catalog",
            Pattern.compile("(file|fdw|postgres_fdw|http|xpath_table).*"), "functions that reach outside the database");

    private final SqlDialect dialect;
    private final Set<String> allowed;

    private SqlFunctions(SqlDialect dialect, Set<String> allowed) {
        this.dialect = dialect;
        this.allowed = Set.copyOf(allowed);
    }

    /** The dialect's safe defaults. */
    public static SqlFunctions defaults(SqlDialect dialect) {
        return configured(dialect, Set.of(), Set.of());
    }

    /**
     * The defaults plus {@code allow}, minus {@code deny}.
     *
     * @throws IllegalArgumentException when {@code allow} names a function that can never be allowed, or a name
     *                                  that is not a plain function name
     */
    public static SqlFunctions configured(SqlDialect dialect, Set<String> allow, Set<String> deny) {
        Checks.present(dialect, "dialect");
        Set<String> names = new TreeSet<>(dialect == SqlDialect.SQLITE ? SQLITE : POSTGRESQL);
        for (String name : Checks.present(allow, "allow")) {
            String n = normal(name);
            forbiddenReason(n).ifPresent(reason -> {
                throw new IllegalArgumentException("function " + n + " can never be allowed: it " + reason);
            });
            names.add(n);
        }
        for (String name : Checks.present(deny, "deny")) {
            names.remove(normal(name));
        }
        return new SqlFunctions(dialect, names);
    }

    /** Whether agent SQL may call {@code name} (forbidden functions never, whatever was configured). */
    public boolean allows(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return allowed.contains(n) && forbiddenReason(n).isEmpty();
    }

    /** Why a function is never allowed, if it is one of those. */
    static Optional<String> forbiddenReason(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String reason = FORBIDDEN.get(n);
        if (reason != null) {
            return Optional.of(reason);
        }
        return FORBIDDEN_FAMILIES.entrySet().stream().filter(e -> e.getKey().matcher(n).matches())
                .map(e -> "belongs to " + e.getValue()).findFirst();
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The allowed names, sorted. */
    public Set<String> names() {
        return new TreeSet<>(allowed);
    }

    private static String normal(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("not a plain function name: " + name);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
