package dev.bulwark.engine.writes;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.budget.UsageCounters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All configured write rules. For a call, every {@link ToolRules} entry whose glob matches applies, in configuration
 * order. Value rules run first, each on the arguments as modified by the rules before it; the first {@code DENY}
 * ends evaluation. Counting rules run last, only when nothing denied, on the modified arguments; a call that is
 * escalated is counted too (it is counted when it goes forward, whether or not a human later approves it).
 * A tool no entry matches is allowed unchanged: these rules are a layer after policy, which denies by default.
 */
public final class WriteRules {
    private static final long MAX_UNITS = Long.MAX_VALUE / 4;

    private final List<ToolRules> entries;
    private final UsageCounters counters;

    public WriteRules(List<ToolRules> entries, UsageCounters counters) {
        this.entries = List.copyOf(Checks.present(entries, "entries"));
        this.counters = Checks.present(counters, "counters");
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean governs(String tool) {
        return entries.stream().anyMatch(e -> e.appliesTo(tool));
    }

    /**
     * @throws dev.bulwark.spi.budget.UsageCounterException when counters cannot be reached; callers deny
     */
    public WriteVerdict evaluate(WriteSubject subject, Map<String, Object> arguments, Instant now) {
        Map<String, Object> current = arguments;
        List<String> changes = new ArrayList<>();
        List<String> escalations = new ArrayList<>();
        for (ToolRules entry : entries) {
            if (!entry.appliesTo(subject.tool())) {
                continue;
            }
            for (WriteRule rule : entry.rules()) {
                if (rule instanceof WriteRule.Strip strip) {
                    if (strip.argument().read(current).isPresent()) {
                        current = strip.argument().remove(current);
                        changes.add(strip.argument() + " removed");
                    }
                } else if (rule instanceof WriteRule.ValueRule valueRule) {
                    Optional<Object> value = valueRule.argument().read(current);
                    if (value.isEmpty()) {
                        continue;
                    }
                    Outcome outcome = apply(valueRule, value.get());
                    if (outcome.breaks != null) {
                        if (valueRule.action() == Action.ESCALATE) {
                            escalations.add(outcome.breaks);
                        } else {
                            return new WriteVerdict.Deny(outcome.breaks);
                        }
                    }
                    if (outcome.replacement != null) {
                        current = valueRule.argument().replace(current,
                                outcome.replacement == Value.NULL ? null : outcome.replacement);
                        changes.addAll(outcome.changes);
                    }
                }
            }
        }
        for (ToolRules entry : entries) {
            if (!entry.appliesTo(subject.tool())) {
                continue;
            }
            for (int i = 0; i < entry.rules().size(); i++) {
                if (entry.rules().get(i) instanceof WriteRule.CountingRule counting) {
                    String broken = count(entry.tools() + "#" + i, counting, subject, current, now);
                    if (broken == null) {
                        continue;
                    }
                    if (counting.action() == Action.ESCALATE) {
                        escalations.add(broken);
                    } else {
                        return new WriteVerdict.Deny(broken);
                    }
                }
            }
        }
        if (!escalations.isEmpty()) {
            return new WriteVerdict.Escalate(current, escalations, changes);
        }
        return changes.isEmpty() ? new WriteVerdict.Allow() : new WriteVerdict.Modify(current, changes);
    }

    /** The result of one value rule on one value (an array is checked element by element). */
    private record Outcome(String breaks, Object replacement, List<String> changes) {}

    private static Outcome apply(WriteRule.ValueRule rule, Object value) {
        if (value instanceof List<?> list) {
            List<Object> replaced = new ArrayList<>(list.size());
            List<String> changes = new ArrayList<>();
            for (Object item : list) {
                Object element = item == null ? Value.NULL : item;
                WriteRule.Finding finding = element instanceof List<?>
                        ? new WriteRule.Finding.Breaks(rule.argument() + " holds a nested array")
                        : rule.check(element);
                if (finding instanceof WriteRule.Finding.Breaks b) {
                    return new Outcome(b.why(), null, List.of());
                }
                if (finding instanceof WriteRule.Finding.Clamped c) {
                    replaced.add(c.replacement());
                    if (!changes.contains(c.why())) {
                        changes.add(c.why());
                    }
                } else {
                    replaced.add(item);
                }
            }
            return changes.isEmpty() ? new Outcome(null, null, List.of())
                    : new Outcome(null, java.util.Collections.unmodifiableList(replaced), changes);
        }
        WriteRule.Finding finding = rule.check(value);
        if (finding instanceof WriteRule.Finding.Breaks b) {
            return new Outcome(b.why(), null, List.of());
        }
        if (finding instanceof WriteRule.Finding.Clamped c) {
            return new Outcome(null, c.replacement(), List.of(c.why()));
        }
        return new Outcome(null, null, List.of());
    }

    /** Takes this call's units from the shared counter; returns why it may not, or null when it may. */
    private String count(String ruleId, WriteRule.CountingRule rule, WriteSubject subject,
                         Map<String, Object> arguments, Instant now) {
        long windowSeconds = rule.window().toSeconds();
        long windowStart = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        String key = key(ruleId + "|" + windowSeconds + "|" + rule.scope().party(subject));
        String per = " per " + rule.scope().name().toLowerCase(java.util.Locale.ROOT) + " per " + rule.window();
        if (rule instanceof WriteRule.Rate rate) {
            return counters.tryAdd(key, windowStart, 1, rate.count()) ? null
                    : "rate limit of " + rate.count() + " calls" + per + " reached";
        }
        WriteRule.Budget budget = (WriteRule.Budget) rule;
        Optional<Object> raw = budget.argument().read(arguments);
        if (raw.isEmpty()) {
            return null;
        }
        Optional<BigDecimal> amount = Value.number(raw.get());
        if (amount.isEmpty() || amount.get().signum() < 0) {
            return budget.argument() + " must be a non-negative number to count against its budget";
        }
        BigDecimal units = amount.get().setScale(0, RoundingMode.CEILING);
        if (units.signum() == 0) {
            return null;
        }
        String exceeded = "budget of " + budget.limit() + " for " + budget.argument() + per + " would be exceeded";
        if (units.compareTo(BigDecimal.valueOf(Math.min(budget.limit(), MAX_UNITS))) > 0) {
            return exceeded;
        }
        return counters.tryAdd(key, windowStart, units.longValueExact(), budget.limit()) ? null : exceeded;
    }

    /** Keys stay readable when short; long ones (long session or user ids) are hashed to fit any store. */
    static String key(String raw) {
        if (raw.length() <= 200) {
            return raw;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
