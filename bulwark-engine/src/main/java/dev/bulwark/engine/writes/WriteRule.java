package dev.bulwark.engine.writes;

import dev.bulwark.spi.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule for a tool's arguments. Value rules look at the value at their {@code argument} pointer; an absent value
 * passes them (whether a field is required is the input schema's business), an explicit {@code null} breaks every
 * rule except a deny list. An array is checked element by element, and an element that is itself an array breaks
 * the rule. Counting rules count calls or sum an argument in a shared window.
 */
public sealed interface WriteRule {

    /** A rule about the value at one argument. */
    sealed interface ValueRule extends WriteRule permits AllowValues, DenyValues, Matches, NumberRange, MaxLength,
            DomainIn {
        ArgumentPath argument();

        Action action();

        /** Checks one scalar value (never an array). */
        Finding check(Object value);
    }

    /** A rule that counts in a window per session, agent or user. */
    sealed interface CountingRule extends WriteRule permits Rate, Budget {
        Scope scope();

        Duration window();

        Action action();
    }

    /** What a value rule found. */
    sealed interface Finding {
        record Pass() implements Finding {}

        /** The value breaks the rule; {@code why} names the rule, never the value. */
        record Breaks(String why) implements Finding {}

        /** The value was brought within the rule ({@code CLAMP}). */
        record Clamped(Object replacement, String why) implements Finding {}
    }

    Finding PASS = new Finding.Pass();

    /** The value must be one of {@code values} (numbers compare by value: {@code "10"} equals {@code 10.0}). */
    record AllowValues(ArgumentPath argument, Set<String> values, Action action) implements ValueRule {
        public AllowValues {
            values = nonEmpty(values, "allow");
            action = noClamp(action, "allow");
        }

        @Override
        public Finding check(Object value) {
            return listed(values, value) ? PASS : new Finding.Breaks(argument + " is not one of the allowed values");
        }
    }

    /** The value must not be one of {@code values}. */
    record DenyValues(ArgumentPath argument, Set<String> values, Action action) implements ValueRule {
        public DenyValues {
            values = nonEmpty(values, "deny");
            action = noClamp(action, "deny");
        }

        @Override
        public Finding check(Object value) {
            return listed(values, value) ? new Finding.Breaks(argument + " is a denied value") : PASS;
        }
    }

    /**
     * A string value must match {@code pattern} in full. Input longer than {@code maxInput} characters breaks the rule,
     * and so does a match that needs more than a fixed budget of character reads (hostile input against a
     * backtracking pattern).
     */
    record Matches(ArgumentPath argument, Pattern pattern, int maxInput, Action action) implements ValueRule {
        static final int READ_BUDGET_PER_CHAR = 200;

        public Matches {
            Checks.present(pattern, "pattern");
            if (maxInput < 1 || maxInput > 100_000) {
                throw new IllegalArgumentException("maxInput must be between 1 and 100000");
            }
            action = noClamp(action, "pattern");
        }

        public static Pattern compile(String regex) {
            try {
                return Pattern.compile(Checks.present(regex, "pattern"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern is not a valid regular expression: " + e.getDescription());
            }
        }

        @Override
        public Finding check(Object value) {
            if (!(value instanceof String s) || s.length() > maxInput) {
                return new Finding.Breaks(argument + " does not match the required pattern");
            }
            try {
                boolean ok = pattern.matcher(new BoundedText(s, Math.max(1000, s.length() * READ_BUDGET_PER_CHAR)))
                        .matches();
                return ok ? PASS : new Finding.Breaks(argument + " does not match the required pattern");
            } catch (BoundedText.Exhausted e) {
                return new Finding.Breaks(argument + " could not be checked against its pattern in time");
            }
        }
    }

    /** A number (or a string holding one) within {@code [min, max]}; either bound may be absent. */
    record NumberRange(ArgumentPath argument, BigDecimal min, BigDecimal max, Action action) implements ValueRule {
        public NumberRange {
            if (min == null && max == null) {
                throw new IllegalArgumentException("a number range needs min, max or both");
            }
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new IllegalArgumentException("min must not exceed max");
            }
            Checks.present(action, "action");
        }

        @Override
        public Finding check(Object value) {
            Optional<BigDecimal> number = Value.number(value);
            if (number.isEmpty()) {
                return new Finding.Breaks(argument + " must be a finite number, not " + Value.kind(value));
            }
            BigDecimal n = number.get();
            BigDecimal bound = max != null && n.compareTo(max) > 0 ? max : min != null && n.compareTo(min) < 0 ? min : null;
            if (bound == null) {
                return PASS;
            }
            String why = argument + (bound == max ? " exceeds the maximum " : " is below the minimum ")
                    + bound.toPlainString();
            if (action != Action.CLAMP) {
                return new Finding.Breaks(why);
            }
            // a string stays a string, so the connector parses what it would have parsed
            Object replacement = value instanceof String ? bound.toPlainString() : bound;
            return new Finding.Clamped(replacement, argument + " clamped to " + bound.toPlainString());
        }
    }

    /** A string of at most {@code max} code points; {@code CLAMP} truncates. */
    record MaxLength(ArgumentPath argument, int max, Action action) implements ValueRule {
        public MaxLength {
            if (max < 0) {
                throw new IllegalArgumentException("maxLength must not be negative");
            }
            Checks.present(action, "action");
        }

        @Override
        public Finding check(Object value) {
            if (!(value instanceof String s)) {
                return new Finding.Breaks(argument + " must be a string, not " + Value.kind(value));
            }
            if (s.length() <= max || s.codePointCount(0, s.length()) <= max) {
                return PASS;
            }
            String why = argument + " is longer than " + max + " characters";
            if (action != Action.CLAMP) {
                return new Finding.Breaks(why);
            }
            return new Finding.Clamped(s.substring(0, s.offsetByCodePoints(0, max)),
                    argument + " truncated to " + max + " characters");
        }
    }

    /**
     * An e-mail address or http(s) URL whose domain is one of {@code domains} (or below one, with
     * {@code subdomains}). Domains compare in IDNA ASCII form, so a look-alike Unicode domain is a different domain.
     */
    record DomainIn(ArgumentPath argument, Set<String> domains, boolean subdomains, Action action)
            implements ValueRule {
        public DomainIn {
            nonEmpty(domains, "domainIn");
            domains = domains.stream().map(d -> Domains.host(d).orElseThrow(() ->
                    new IllegalArgumentException("domainIn: '" + d + "' is not a domain name"))).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
            action = noClamp(action, "domainIn");
        }

        @Override
        public Finding check(Object value) {
            Optional<String> domain = value instanceof String s ? Domains.of(s) : Optional.empty();
            if (domain.isEmpty()) {
                return new Finding.Breaks(argument + " is not a single plain e-mail address or http(s) URL");
            }
            return domains.stream().anyMatch(d -> Domains.within(domain.get(), d, subdomains)) ? PASS
                    : new Finding.Breaks(argument + " points outside the allowed domains");
        }
    }

    /** Removes the field before the connector sees it. */
    record Strip(ArgumentPath argument) implements WriteRule {
        public Strip {
            Checks.present(argument, "argument");
        }
    }

    /** At most {@code count} calls per window and scope. */
    record Rate(Scope scope, long count, Duration window, Action action) implements CountingRule {
        public Rate {
            Checks.present(scope, "scope");
            if (count < 0) {
                throw new IllegalArgumentException("rate count must not be negative");
            }
            window = checkWindow(window);
            action = noClamp(action, "rate");
        }
    }

    /**
     * The sum of the numeric {@code argument} over the window and scope stays at or under {@code limit}. Amounts count
     * in whole units, rounded up; a negative or non-numeric amount breaks the rule (no refunds through arguments).
     */
    record Budget(Scope scope, ArgumentPath argument, long limit, Duration window, Action action)
            implements CountingRule {
        public Budget {
            Checks.present(scope, "scope");
            Checks.present(argument, "argument");
            if (limit < 0) {
                throw new IllegalArgumentException("budget limit must not be negative");
            }
            window = checkWindow(window);
            action = noClamp(action, "budget");
        }
    }

    private static Set<String> nonEmpty(Set<String> values, String name) {
        Set<String> copy = Set.copyOf(Checks.present(values, name));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one value");
        }
        return copy;
    }

    private static Action noClamp(Action action, String rule) {
        Checks.present(action, "action");
        if (action == Action.CLAMP) {
            throw new IllegalArgumentException("action clamp applies to max/min/maxLength only, not to " + rule);
        }
        return action;
    }

    private static Duration checkWindow(Duration window) {
        Checks.present(window, "window");
        if (window.toSeconds() < 1 || window.toSeconds() > Duration.ofDays(366).toSeconds()
                || window.getNano() != 0) {
            throw new IllegalArgumentException("window must be whole seconds between 1s and 366d");
        }
        return window;
    }

    private static boolean listed(Set<String> values, Object value) {
        Optional<String> text = Value.scalarText(value);
        if (text.isPresent() && values.contains(text.get())) {
            return true;
        }
        Optional<BigDecimal> number = Value.number(value);
        return number.isPresent() && values.stream().map(Value::number).flatMap(Optional::stream)
                .anyMatch(n -> n.compareTo(number.get()) == 0);
    }

    /** Lower-cased name of the rule kind for reasons and audit. */
    default String kind() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
