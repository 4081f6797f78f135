package dev.bulwark.data.sql;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What agent SQL may contain: syntax-tree node types and cast types (functions: {@link SqlFunctions}). Everything else is rejected, so a
 * construct JSqlParser learns in a later version, or a function that reads files or the catalog, fails closed.
 */
final class SqlAllowList {
    private static final String P = "net.sf.jsqlparser.";

    private static final Set<Class<?>> NODES = classes(
            "expression.Alias", "expression.Alias$AliasColumn", "expression.AnalyticExpression",
            "expression.AnyComparisonExpression", "expression.CaseExpression", "expression.CastExpression",
            "expression.DateValue", "expression.DoubleValue", "expression.ExtractExpression", "expression.Function",
            "expression.IntervalExpression", "expression.LongValue", "expression.NotExpression",
            "expression.NullValue", "expression.Parenthesis", "expression.PartitionByClause",
            "expression.SignedExpression", "expression.OrderByClause", "expression.TrimFunction",
            "expression.operators.relational.NamedExpressionList", "expression.StringValue",
            "expression.TimeKeyExpression",
            "expression.TimeValue", "expression.TimestampValue", "expression.WhenClause",
            "expression.WindowDefinition", "expression.WindowElement", "expression.WindowOffset",
            "expression.WindowRange", "expression.BooleanValue", "expression.DateTimeLiteralExpression",
            "expression.operators.arithmetic.Addition", "expression.operators.arithmetic.Subtraction",
            "expression.operators.arithmetic.Multiplication", "expression.operators.arithmetic.Division",
            "expression.operators.arithmetic.IntegerDivision", "expression.operators.arithmetic.Modulo",
            "expression.operators.arithmetic.Concat",
            "expression.operators.arithmetic.BitwiseAnd", "expression.operators.arithmetic.BitwiseOr",
            "expression.operators.arithmetic.BitwiseLeftShift", "expression.operators.arithmetic.BitwiseRightShift",
            "expression.MySQLGroupConcat", "expression.JsonFunction", "expression.JsonExpression",
            "expression.operators.relational.RegExpMatchOperator", "statement.select.TableFunction",
            "expression.operators.conditional.AndExpression", "expression.operators.conditional.OrExpression",
            "expression.operators.relational.Between", "expression.operators.relational.EqualsTo",
            "expression.operators.relational.NotEqualsTo", "expression.operators.relational.ExistsExpression",
            "expression.operators.relational.ExpressionList",
            "expression.operators.relational.ParenthesedExpressionList",
            "expression.operators.relational.GreaterThan", "expression.operators.relational.GreaterThanEquals",
            "expression.operators.relational.MinorThan", "expression.operators.relational.MinorThanEquals",
            "expression.operators.relational.InExpression", "expression.operators.relational.IsBooleanExpression",
            "expression.operators.relational.IsDistinctExpression",
            "expression.operators.relational.IsNullExpression", "expression.operators.relational.LikeExpression",
            "schema.Column", "schema.Table", "statement.create.table.ColDataType",
            "statement.select.AllColumns", "statement.select.AllTableColumns", "statement.select.Distinct",
            "statement.select.ExceptOp", "statement.select.IntersectOp", "statement.select.UnionOp",
            "statement.select.GroupByElement", "statement.select.Join", "statement.select.LateralSubSelect",
            "statement.select.Limit", "statement.select.Offset", "statement.select.OrderByElement",
            "statement.select.ParenthesedFromItem", "statement.select.ParenthesedSelect",
            "statement.select.PlainSelect", "statement.select.SelectItem", "statement.select.SetOperationList",
            "statement.select.WithItem", "statement.select.Values");

    private static final Set<String> CAST_TYPES = Set.of(
            "integer", "int", "int4", "int8", "bigint", "smallint", "text", "varchar", "char", "character",
            "numeric", "decimal", "real", "double", "float", "boolean", "bool", "date", "timestamp", "time");

    private SqlAllowList() {}

    static boolean node(Class<?> type) {
        return NODES.contains(type);
    }

    static boolean castType(String dataType) {
        String first = dataType.strip().toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
        return CAST_TYPES.contains(first);
    }

    private static Set<Class<?>> classes(String... names) {
        Set<Class<?>> set = new HashSet<>();
        for (String name : names) {
            try {
                set.add(Class.forName(P + name));
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError("JSqlParser lacks " + name + ": the allow-list needs review");
            }
        }
        return Set.copyOf(set);
    }
}
