package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowSecurityTest {
    private final RowSecurity sqlite = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE, SqlLimits.DEFAULT);

    @Test
    void labelsAreThoseOfColumnsTheRuleDoesNotErase() throws Exception {
        assertThat(sqlite.plan("SELECT id FROM customers", Fixtures.support(), 10).labels())
                .containsExactlyInAnyOrder("pii", "confidential");
        assertThat(sqlite.plan("SELECT * FROM products", Fixtures.support(), 10).labels()).isEmpty();
        assertThat(sqlite.plan("SELECT * FROM payroll", Fixtures.support(), 10).labels()).isEmpty();
        assertThat(sqlite.plan("SELECT * FROM payroll", Fixtures.agent("hr", Set.of("hr"), Map.of()), 10).labels())
                .containsExactlyInAnyOrder("pii", "confidential");
    }

    @Test
    void tablesAreListedOnceInOrderOfFirstReference() throws Exception {
        QueryPlan plan = sqlite.plan("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE o.id IN (SELECT customer_id FROM orders)", Fixtures.support(), 10);
        assertThat(plan.tables()).containsExactly("orders", "customers");
    }

    @Test
    void principalValuesAreBoundNeverSpliced() throws Exception {
        var principal = Fixtures.agent("support-bot", Set.of("support"), Map.of("regions", "EU') OR 1=1 OR ('x"));
        QueryPlan plan = sqlite.plan("SELECT * FROM customers", principal, 10);
        assertThat(plan.sql()).doesNotContain("OR 1=1");
        assertThat(plan.parameters()).containsExactly("EU') OR 1=1 OR ('x");
    }

    @Test
    void rejectsPolicySqlThatDoesNotParseAtStartUp() {
        TablePolicy broken = TablePolicy.of("t", List.of(ColumnSpec.of("a")),
                AccessRule.of("r", RuleCondition.ALWAYS, "a = = 1", Map.of()));
        assertThatThrownBy(() -> new RowSecurity(new SqlDataPolicy(List.of(broken)), SqlDialect.SQLITE,
                SqlLimits.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row filter");
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> TablePolicy.of("t", List.of(ColumnSpec.of("a")),
                AccessRule.of("r", RuleCondition.ALWAYS, "TRUE", Map.of("b", "hash"))))
                .hasMessageContaining("masks unknown column b");
        assertThatThrownBy(() -> ColumnSpec.of("Bad Name")).hasMessageContaining("column name");
        assertThatThrownBy(() -> new TablePolicy("t", Optional.of("x;y"), List.of(ColumnSpec.of("a")), List.of()))
                .hasMessageContaining("schema name");
        TablePolicy t = TablePolicy.of("t", List.of(ColumnSpec.of("a")));
        assertThatThrownBy(() -> new SqlDataPolicy(List.of(t, t))).hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new RuleCondition(Set.of(), Set.of(), Map.of("agent", "x")))
                .hasMessageContaining("principal reference");
    }

    @Test
    void schemaOfAConfiguredTableIsHonoured() throws Exception {
        TablePolicy t = new TablePolicy("events", Optional.of("audit"), List.of(ColumnSpec.of("a")),
                List.of(AccessRule.of("r", RuleCondition.ALWAYS, "TRUE", Map.of())));
        RowSecurity pg = Fixtures.rowSecurity(new SqlDataPolicy(List.of(t)), SqlDialect.POSTGRESQL, SqlLimits.DEFAULT);
        assertThat(pg.plan("SELECT a FROM audit.events", Fixtures.support(), 5).sql())
                .contains("FROM \"audit\".\"events\"");
        assertThatThrownBy(() -> pg.plan("SELECT a FROM public.events", Fixtures.support(), 5))
                .hasMessageContaining("not configured in schema public");
    }

    @Test
    void readPlanBindsFilterValuesAfterPolicyValues() throws Exception {
        QueryPlan plan = sqlite.planRead("customers", Map.of("region", "EU"), Fixtures.support(), 7);
        assertThat(plan.parameters()).containsExactly("EU", "NA", "EU");
        assertThat(plan.sql()).endsWith("AS `customers` WHERE `region` = ? LIMIT 8");
        assertThatThrownBy(() -> sqlite.planRead("secrets", Map.of(), Fixtures.support(), 7))
                .hasMessageContaining("unknown table");
    }

    @Test
    void rejectsUnterminatedLiteralsAndIdentifiers() {
        assertThatThrownBy(() -> sqlite.plan("SELECT 'abc FROM products", Fixtures.support(), 5))
                .hasMessageContaining("unterminated string literal");
        assertThatThrownBy(() -> sqlite.plan("SELECT \"abc FROM products", Fixtures.support(), 5))
                .hasMessageContaining("unterminated quoted identifier");
        assertThatThrownBy(() -> sqlite.plan("   ", Fixtures.support(), 5)).hasMessageContaining("empty");
    }

    @Test
    void stopsParsingThatRunsPastTheParseTimeout() {
        RowSecurity rowSecurity = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE,
                parsingFor(Duration.ofNanos(1)));
        assertThatThrownBy(() -> rowSecurity.plan(nestedIn(10), Fixtures.support(), 5))
                .hasMessage("the SQL took too long to parse");
    }

    @Test
    void parsesNestedSubqueriesUpToTheNestingLimit() throws Exception {
        // The parser's work grows exponentially with nesting; what bounds it is the depth, checked before parsing,
        // not a deadline. How fast the limit parses is a benchmark's question: here the statement at the limit gets
        // all the time it needs, and one level deeper gets none at all and is still refused for its depth alone.
        String atTheLimit = nestedIn(SqlLimits.DEFAULT.maxNesting());
        assertThat(SqlScreen.nesting(atTheLimit)).isEqualTo(10);
        RowSecurity patient = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE,
                parsingFor(Duration.ofMinutes(10)));
        assertThat(patient.plan(atTheLimit, Fixtures.support(), 5).tables()).containsExactly("products");

        RowSecurity noParsing = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE,
                parsingFor(Duration.ofNanos(1)));
        assertThatThrownBy(() -> noParsing.plan(nestedIn(11), Fixtures.support(), 5))
                .hasMessage("the SQL nests deeper than 10 levels");
        assertThatThrownBy(() -> noParsing.plan("SELECT " + "(".repeat(11) + "1" + ")".repeat(11), Fixtures.support(),
                5)).hasMessage("the SQL nests deeper than 10 levels");
    }

    /** {@code levels} of {@code IN (SELECT …)}, the shape whose parse time grows fastest with depth. */
    private static String nestedIn(int levels) {
        return "SELECT * FROM products WHERE id IN " + "(SELECT id FROM products WHERE id IN ".repeat(levels - 1)
                + "(1" + ")".repeat(levels);
    }

    /** The default limits with another parse time-out. */
    private static SqlLimits parsingFor(Duration timeout) {
        SqlLimits d = SqlLimits.DEFAULT;
        return new SqlLimits(d.maxLength(), d.maxNesting(), d.maxNodes(), d.maxDepth(), d.maxTableUses(), timeout);
    }

    @Test
    void repeatedStatementsAreRenderedForEachPrincipal() throws Exception {
        String sql = "SELECT name FROM customers";
        QueryPlan support = sqlite.plan(sql, Fixtures.support(), 5);
        QueryPlan admin = sqlite.plan(sql, Fixtures.agent("admin-bot", Set.of("admin"), Map.of()), 5);
        QueryPlan supportAgain = sqlite.plan(sql, Fixtures.support(), 5);
        assertThat(support.parameters()).containsExactly("EU", "NA");
        assertThat(admin.parameters()).isEmpty();
        assertThat(admin.sql()).contains("WHERE (TRUE)").doesNotContain("[REDACTED]");
        assertThat(supportAgain).isEqualTo(support);
        assertThat(sqlite.tablesOf(sql)).containsExactly("customers");
    }
}
