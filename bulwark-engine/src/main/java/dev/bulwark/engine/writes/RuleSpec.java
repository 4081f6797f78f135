package dev.bulwark.engine.writes;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One write rule as written in configuration; exactly one kind per entry. Validated on construction, so a bad rule
 * fails configuration loading at its own line.
 *
 * <pre>
 * - {argument: /note, maxLength: 2000, action: clamp}
 * - {argument: /amount, max: 500, action: clamp}
 * - {argument: /to, domainIn: [example.com], subdomains: true}
 * - {argument: /status, allow: [open, closed]}
 * - {argument: /ref, pattern: "[A-Z]{3}-[0-9]{1,6}"}
 * - {argument: /debug, strip: true}
 * - {rate: 20, per: 1h, scope: agent}
 * - {budget: 5000, argument: /amount, per: 1d, scope: user, action: escalate}
 * </pre>
 *
 * @param argument   JSON pointer into the arguments (all kinds but rate)
 * @param allow      allowed values
 * @param deny       denied values
 * @param pattern    regular expression a string must match in full
 * @param maxInput   longest string checked against {@code pattern} (default 10000); longer breaks the rule
 * @param min        smallest number
 * @param max        largest number
 * @param maxLength  most characters (code points) in a string
 * @param domainIn   domains an e-mail address or URL must be in
 * @param subdomains whether subdomains of {@code domainIn} count (default false)
 * @param strip      remove the argument
 * @param rate       most calls per window
 * @param budget     largest sum of {@code argument} per window
 * @param per        the window, e.g. {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}
 * @param scope      whose calls a rate or budget counts: {@code session}, {@code agent} or {@code user}
 * @param action     {@code deny} (default), {@code clamp} (max/min/maxLength) or {@code escalate}
 */
public record RuleSpec(String argument, List<String> allow, List<String> deny, String pattern, Integer maxInput,
                       BigDecimal min, BigDecimal max, Integer maxLength, List<String> domainIn, Boolean subdomains,
                       Boolean strip, Long rate, Long budget, String per, String scope, String action) {
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

    public RuleSpec {
        rule(argument, allow, deny, pattern, maxInput, min, max, maxLength, domainIn, subdomains, strip, rate, budget,
                per, scope, action);
    }

    /** The rule this entry describes. */
    public WriteRule toRule() {
        return rule(argument, allow, deny, pattern, maxInput, min, max, maxLength, domainIn, subdomains, strip, rate,
                budget, per, scope, action);
    }

    private static WriteRule rule(String argument, List<String> allow, List<String> deny, String pattern,
                                  Integer maxInput, BigDecimal min, BigDecimal max, Integer maxLength,
                                  List<String> domainIn, Boolean subdomains, Boolean strip, Long rate, Long budget,
                                  String per, String scope, String action) {
        List<String> kinds = new ArrayList<>();
        add(kinds, allow, "allow");
        add(kinds, deny, "deny");
        add(kinds, pattern, "pattern");
        add(kinds, min != null || max != null ? "x" : null, "min/max");
        add(kinds, maxLength, "maxLength");
        add(kinds, domainIn, "domainIn");
        add(kinds, strip, "strip");
        add(kinds, rate, "rate");
        add(kinds, budget, "budget");
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("a write rule needs exactly one of allow, deny, pattern, min/max, "
                    + "maxLength, domainIn, strip, rate, budget" + (kinds.isEmpty() ? " (is a key misspelt? known keys: argument, "
                    + "allow, deny, pattern, maxInput, min, max, maxLength, domainIn, subdomains, strip, rate, budget, "
                    + "per, scope, action)" : "; found " + kinds));
        }
        String kind = kinds.getFirst();
        boolean counting = kind.equals("rate") || kind.equals("budget");
        if (!counting && (per != null || scope != null)) {
            throw new IllegalArgumentException("per and scope belong to rate and budget rules only");
        }
        if (maxInput != null && pattern == null) {
            throw new IllegalArgumentException("maxInput belongs to pattern rules only");
        }
        if (subdomains != null && domainIn == null) {
            throw new IllegalArgumentException("subdomains belongs to domainIn rules only");
        }
        if (kind.equals("rate")) {
            if (argument != null) {
                throw new IllegalArgumentException("a rate rule counts calls and takes no argument");
            }
            return new WriteRule.Rate(Scope.parse(scope), rate, window(per), Action.parse(action));
        }
        ArgumentPath path = ArgumentPath.parse(argument);
        Action act = Action.parse(action);
        return switch (kind) {
            case "allow" -> new WriteRule.AllowValues(path, Set.copyOf(allow), act);
            case "deny" -> new WriteRule.DenyValues(path, Set.copyOf(deny), act);
            case "pattern" -> new WriteRule.Matches(path, WriteRule.Matches.compile(pattern),
                    maxInput == null ? 10_000 : maxInput, act);
            case "min/max" -> new WriteRule.NumberRange(path, min, max, act);
            case "maxLength" -> new WriteRule.MaxLength(path, maxLength, act);
            case "domainIn" -> new WriteRule.DomainIn(path, Set.copyOf(domainIn), Boolean.TRUE.equals(subdomains),
                    act);
            case "strip" -> {
                if (!strip || action != null) {
                    throw new IllegalArgumentException("strip takes the value true and no action");
                }
                yield new WriteRule.Strip(path);
            }
            case "budget" -> new WriteRule.Budget(Scope.parse(scope), path, budget, window(per), act);
            default -> throw new IllegalStateException(kind);
        };
    }

    private static void add(List<String> kinds, Object value, String name) {
        if (value != null) {
            kinds.add(name);
        }
    }

    /** {@code <n>s|m|h|d}. */
    static Duration window(String text) {
        Matcher m = text == null ? null : WINDOW.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("per must be a window like 30s, 10m, 1h or 1d, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
