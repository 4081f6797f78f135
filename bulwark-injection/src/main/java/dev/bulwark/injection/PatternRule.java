package dev.bulwark.injection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One regular-expression rule over normalized text. It runs only when the window contains one of its anchors (plain
 * substrings of every match), which keeps the cost per window to a few substring searches for most rules.
 * Patterns use bounded repetition only, so matching time stays linear in the window. When every match begins with
 * one of the anchors ({@code matchStartsAtAnchor}), matching is tried only where an anchor occurs.
 */
record PatternRule(String id, InjectionSignal signal, double weight, Pattern pattern, Script script,
                   List<String> anchors, boolean matchStartsAtAnchor) {

    /** The script a rule's matches are written in; non-Latin rules run only on windows containing that script. */
    enum Script { LATIN, CYRILLIC, CJK }

    PatternRule {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("rule weight must be within (0, 1]: " + id);
        }
        anchors = List.copyOf(anchors);
        if (script == Script.LATIN && anchors.isEmpty()) {
            throw new IllegalArgumentException("rule needs at least one anchor: " + id);
        }
    }

    static PatternRule latin(String id, InjectionSignal signal, double weight, String regex, String... anchors) {
        return new PatternRule(id, signal, weight, Pattern.compile(regex), Script.LATIN, List.of(anchors), false);
    }

    /** A phrase rule whose every match starts with one of its anchors (they are the leading words' stems). */
    static PatternRule leading(String id, double weight, String regex, String... anchors) {
        return new PatternRule(id, InjectionSignal.INJECTION_PHRASE, weight, Pattern.compile(regex), Script.LATIN,
                List.of(anchors), true);
    }

    static PatternRule phrase(String id, double weight, String regex, String... anchors) {
        return latin(id, InjectionSignal.INJECTION_PHRASE, weight, regex, anchors);
    }

    static PatternRule cyrillic(String id, double weight, String regex) {
        return new PatternRule(id, InjectionSignal.INJECTION_PHRASE, weight, Pattern.compile(regex), Script.CYRILLIC,
                List.of(), false);
    }

    static PatternRule cjk(String id, double weight, String regex) {
        return new PatternRule(id, InjectionSignal.INJECTION_PHRASE, weight, Pattern.compile(regex), Script.CJK,
                List.of(), false);
    }
}
