package dev.bulwark.data.sql;

/**
 * Bounds on agent SQL, checked before and after parsing.
 *
 * @param maxLength     characters of SQL text
 * @param maxNesting    depth of parentheses: JSqlParser's time grows exponentially with nested subqueries (nested
 *                      {@code IN (SELECT …)} ten deep takes about 0.3 s), so the default is 10
 * @param maxNodes      syntax-tree nodes
 * @param maxDepth      depth of the syntax tree (long chains of AND/OR are deep trees)
 * @param maxTableUses  table references after rewriting
 * @param parseTimeout  longest the parser may work on one statement
 */
public record SqlLimits(int maxLength, int maxNesting, int maxNodes, int maxDepth, int maxTableUses,
                        java.time.Duration parseTimeout) {
    public static final SqlLimits DEFAULT = new SqlLimits(20_000, 10, 5_000, 200, 32,
            java.time.Duration.ofMillis(500));

    public SqlLimits {
        if (maxLength < 1 || maxNesting < 1 || maxNodes < 1 || maxDepth < 1 || maxTableUses < 1) {
            throw new IllegalArgumentException("SQL limits must be positive");
        }
        if (parseTimeout == null || parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
    }
}
