package dev.bulwark.data.sql;

import dev.bulwark.spi.identity.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * One configured table turned into SQL once, at start-up: per rule, the filtered, masked derived table that replaces
 * every reference to the table in agent SQL.
 */
final class CompiledTable {
    private record Item(String column, PolicyTemplate mask, boolean keyedHash) {
    }

    private record Rule(AccessRule rule, PolicyTemplate filter, List<Item> items, Set<String> labels) {
    }

    /** The SQL and parameters of one reference, and the labels of what it exposes. */
    record Rendered(String sql, List<Object> parameters, Set<String> labels) {
    }

    private final TablePolicy policy;
    private final String source;
    private final String fence;
    private final SqlDialect dialect;
    private final List<Rule> rules = new ArrayList<>();
    private final String denied;
    private final KeyedHash hash;

    /** @param hash the key of hash masks; {@code null} when no rule of the table hashes a column */
    CompiledTable(TablePolicy policy, SqlDialect dialect, KeyedHash hash) {
        this.hash = hash;
        this.policy = policy;
        this.source = dialect.quote(policy.schema().orElse(dialect.defaultSchema())) + "."
                + dialect.quote(policy.name());
        this.fence = dialect.fence();
        this.dialect = dialect;
        for (AccessRule rule : policy.rules()) {
            PolicyTemplate filter = PolicyTemplate.parse(rule.rowFilter());
            validate(filter, true, "row filter of rule " + rule.name());
            List<Item> items = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (ColumnSpec column : policy.columns()) {
                Mask mask = rule.masks().get(column.name());
                if (mask instanceof Mask.Hash && hash == null) {
                    throw new IllegalArgumentException("table " + policy.name() + ": rule " + rule.name()
                            + " hashes " + column.name() + " but no hash-mask key was given");
                }
                PolicyTemplate template = mask == null ? null : PolicyTemplate.parse(maskSql(mask, column, dialect));
                if (template != null) {
                    validate(template, false, "mask of " + column.name() + " in rule " + rule.name());
                }
                items.add(new Item(column.name(), template, mask instanceof Mask.Hash));
                if (mask == null || !mask.erasesValue()) {
                    labels.addAll(column.labels());
                }
            }
            rules.add(new Rule(rule, filter, List.copyOf(items), Set.copyOf(labels)));
        }
        // No matching rule: the table's own columns (so the query still type-checks) and never a row.
        StringBuilder deny = new StringBuilder("(SELECT ");
        for (int i = 0; i < policy.columns().size(); i++) {
            deny.append(i == 0 ? "" : ", ").append(dialect.quote(policy.columns().get(i).name()));
        }
        this.denied = deny.append(" FROM ").append(source).append(" WHERE 1 = 0").append(fence).append(")").toString();
    }

    TablePolicy policy() {
        return policy;
    }

    String schema(SqlDialect dialect) {
        return policy.schema().orElse(dialect.defaultSchema());
    }

    /** The derived table for {@code principal}: the first matching rule, or no rows when none matches. */
    Rendered render(Principal principal) {
        for (Rule rule : rules) {
            if (rule.rule().when().matches(principal)) {
                return render(rule, principal);
            }
        }
        return new Rendered(denied, List.of(), Set.of());
    }

    private Rendered render(Rule rule, Principal principal) {
        StringBuilder sql = new StringBuilder(256).append("(SELECT ");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < rule.items().size(); i++) {
            Item item = rule.items().get(i);
            if (i > 0) {
                sql.append(", ");
            }
            if (item.mask() == null) {
                sql.append(dialect.quote(item.column()));
                continue;
            }
            sql.append('(');
            if (item.keyedHash() && dialect == SqlDialect.POSTGRESQL) {
                sql.append(KeyedHash.postgresSql(text(item.column()), "?", "?"));
                parameters.add(hash.outerPad());
                parameters.add(hash.innerPad());
            } else if (!item.mask().render(principal, sql, parameters)) {
                sql.append("NULL");
            }
            sql.append(") AS ").append(dialect.quote(item.column()));
        }
        sql.append(" FROM ").append(source).append(" WHERE (");
        if (!rule.filter().render(principal, sql, parameters)) {
            sql.append("1 = 0");
        }
        sql.append(')').append(fence).append(')');
        return new Rendered(sql.toString(), parameters, rule.labels());
    }

    private String text(String column) {
        return "CAST(" + dialect.quote(column) + " AS TEXT)";
    }

    /** The mask as SQL; a PostgreSQL hash is rendered with its key parameters at each call instead. */
    private static String maskSql(Mask mask, ColumnSpec column, SqlDialect dialect) {
        String text = "CAST(" + dialect.quote(column.name()) + " AS TEXT)";
        return switch (mask) {
            case Mask.Redact r -> "'[REDACTED]'";
            case Mask.Null n -> "NULL";
            case Mask.Hash h -> dialect == SqlDialect.SQLITE
                    ? KeyedHash.SQLITE_FUNCTION + "(" + text + ")"
                    : KeyedHash.postgresSql(text, "NULL", "NULL");
            case Mask.Last4 l -> dialect == SqlDialect.SQLITE
                    ? "'****' || substr(" + text + ", -4)"
                    : "'****' || right(" + text + ", 4)";
            case Mask.Expression e -> e.sql();
        };
    }

    /**
     * One standalone statement per rule, principal references as NULL, that fails when the policy names a column the
     * table lacks. Run once against the database: inside an agent's query such a name could instead resolve to a
     * column of the agent's own outer query.
     */
    List<String> verificationStatements() {
        List<String> statements = new ArrayList<>();
        for (Rule rule : rules) {
            StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT ");
            for (int i = 0; i < rule.items().size(); i++) {
                Item item = rule.items().get(i);
                sql.append(i == 0 ? "" : ", ");
                sql.append(item.mask() == null ? dialect.quote(item.column())
                        : "(" + item.mask().withNulls() + ") AS " + dialect.quote(item.column()));
            }
            sql.append(" FROM ").append(source).append(" WHERE (").append(rule.filter().withNulls()).append(")")
                    .append(fence).append(") AS ").append(dialect.quote(policy.name())).append(" WHERE 1 = 0");
            statements.add(sql.toString());
        }
        statements.add("SELECT * FROM " + denied + " AS " + dialect.quote(policy.name()));
        return statements;
    }

    private void validate(PolicyTemplate template, boolean condition, String what) {
        String text = template.withPlaceholders();
        try {
            if (condition) {
                CCJSqlParserUtil.parseCondExpression(text, false);
            } else {
                CCJSqlParserUtil.parseExpression(text, false);
            }
        } catch (JSQLParserException | RuntimeException e) {
            throw new IllegalArgumentException("table " + policy.name() + ": the " + what
                    + " is not a valid SQL expression: " + text);
        }
        if (text.contains(";") || text.contains("--") || text.contains("/*")) {
            throw new IllegalArgumentException("table " + policy.name() + ": the " + what
                    + " must be one expression without comments");
        }
    }
}
