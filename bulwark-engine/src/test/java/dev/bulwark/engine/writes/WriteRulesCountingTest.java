package dev.bulwark.engine.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate and budget limits: scopes, fixed windows, units, and hostile amounts. */
class WriteRulesCountingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final InMemoryUsageCounters counters = new InMemoryUsageCounters();

    private WriteRules rules(RuleSpec spec) {
        return new WriteRules(List.of(new ToolRules("pay.*", List.of(spec.toRule()))), counters);
    }

    private static RuleSpec rate(long count, String per, String scope) {
        return new RuleSpec(null, null, null, null, null, null, null, null, null, null, null, count, null, per, scope,
                null);
    }

    private static RuleSpec budget(long sum, String scope, String action) {
        return new RuleSpec("/amount", null, null, null, null, null, null, null, null, null, null, null, sum, "1d",
                scope, action);
    }

    private static WriteSubject as(String agent, String user, String session) {
        return new WriteSubject("pay.send", agent, user, session);
    }

    @Test
    void aRateCountsPerAgentAcrossSessions() {
        WriteRules rules = rules(rate(2, "1h", "agent"));
        assertThat(rules.evaluate(as("a", null, "s1"), Map.of(), T0)).isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", null, "s2"), Map.of(), T0)).isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", null, "s3"), Map.of(), T0)).isInstanceOf(WriteVerdict.Deny.class);
        assertThat(rules.evaluate(as("b", null, "s1"), Map.of(), T0)).as("another agent has its own count")
                .isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aRateCountsPerSession() {
        WriteRules rules = rules(rate(1, "1h", "session"));
        assertThat(rules.evaluate(as("a", null, "s1"), Map.of(), T0)).isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", null, "s1"), Map.of(), T0)).isInstanceOf(WriteVerdict.Deny.class);
        assertThat(rules.evaluate(as("a", null, "s2"), Map.of(), T0)).isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aUserScopeCountsTheUserAcrossAgents() {
        WriteRules rules = rules(rate(1, "1h", "user"));
        assertThat(rules.evaluate(as("a", "u", "s1"), Map.of(), T0)).isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("b", "u", "s2"), Map.of(), T0)).isInstanceOf(WriteVerdict.Deny.class);
        assertThat(rules.evaluate(as("a", null, "s3"), Map.of(), T0)).as("the agent alone is not the user")
                .isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aFixedWindowStartsAfreshAtItsBoundary() {
        WriteRules rules = rules(rate(1, "1h", "agent"));
        assertThat(rules.evaluate(as("a", null, "s"), Map.of(), T0.plusSeconds(3599)))
                .isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", null, "s"), Map.of(), T0.plusSeconds(3599)))
                .isInstanceOf(WriteVerdict.Deny.class);
        assertThat(rules.evaluate(as("a", null, "s"), Map.of(), T0.plusSeconds(3600)))
                .isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aBudgetSumsAmountsRoundedUp() {
        WriteRules rules = rules(budget(10, "user", null));
        assertThat(rules.evaluate(as("a", "u", "s"), Map.of("amount", new BigDecimal("4.2")), T0))
                .isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", "u", "s"), Map.of("amount", "5"), T0))
                .isInstanceOf(WriteVerdict.Allow.class);
        WriteVerdict over = rules.evaluate(as("a", "u", "s"), Map.of("amount", 1), T0);
        assertThat(((WriteVerdict.Deny) over).reason()).contains("budget of 10 for /amount per user");
        assertThat(rules.evaluate(as("a", "u", "s"), Map.of("amount", 0), T0)).isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aNegativeAmountCannotRefundTheBudget() {
        WriteRules rules = rules(budget(10, "agent", null));
        assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", 10), T0)).isInstanceOf(WriteVerdict.Allow.class);
        assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", -10), T0)).isInstanceOf(WriteVerdict.Deny.class);
        assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", 1), T0)).isInstanceOf(WriteVerdict.Deny.class);
    }

    @Test
    void hostileAmountsDeny() {
        WriteRules rules = rules(budget(10, "agent", null));
        for (Object amount : List.of(Double.NaN, Double.POSITIVE_INFINITY, "NaN", "1e9999", List.of(1),
                new BigDecimal("1e400"), Long.MAX_VALUE, true)) {
            assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", amount), T0)).as(String.valueOf(amount))
                    .isInstanceOf(WriteVerdict.Deny.class);
        }
        assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", 10), T0))
                .as("nothing was taken by the refused amounts").isInstanceOf(WriteVerdict.Allow.class);
    }

    @Test
    void aBudgetMayEscalateInsteadOfDenying() {
        WriteRules rules = rules(budget(5, "agent", "escalate"));
        assertThat(rules.evaluate(as("a", null, "s"), Map.of("amount", 6), T0)).isInstanceOf(WriteVerdict.Escalate.class);
    }

    @Test
    void badRulesFailOnConstruction() {
        assertThatThrownBy(() -> rate(1, "1y", "agent")).hasMessageContaining("per must be a window");
        assertThatThrownBy(() -> rate(1, "1h", "team")).hasMessageContaining("scope must be");
        assertThatThrownBy(() -> new RuleSpec("/a", List.of("x"), null, null, null, null, BigDecimal.ONE, null, null,
                null, null, null, null, null, null, null)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new RuleSpec("/a", List.of("x"), null, null, null, null, null, null, null, null,
                null, null, null, null, null, "clamp")).hasMessageContaining("clamp applies to");
        assertThatThrownBy(() -> new RuleSpec("a", List.of("x"), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null)).hasMessageContaining("JSON pointer");
        assertThatThrownBy(() -> new RuleSpec("/a", null, null, "([a-z]", null, null, null, null, null, null,
                null, null, null, null, null, null)).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> new RuleSpec("/a", null, null, null, null, null, null, null, List.of("not a domain"),
                null, null, null, null, null, null, null)).hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> new RuleSpec("/a", null, null, null, null, BigDecimal.TEN, BigDecimal.ONE, null,
                null, null, null, null, null, null, null, null)).hasMessageContaining("min must not exceed max");
        assertThatThrownBy(() -> new ToolRules("crm.(x)", List.of())).hasMessageContaining("tool name or glob");
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(new ToolRules("crm.*", List.of()).appliesTo("crm.update_customer_note")).isTrue();
        assertThat(new ToolRules("crm.*", List.of()).appliesTo("crmx.update")).isFalse();
        assertThat(new ToolRules("*.send_*", List.of()).appliesTo("mail.send_message")).isTrue();
        assertThat(new ToolRules("crm.get", List.of()).appliesTo("crm.get_customer")).isFalse();
        assertThat(new ToolRules("*", List.of()).appliesTo("anything.at_all")).isTrue();
    }
}
