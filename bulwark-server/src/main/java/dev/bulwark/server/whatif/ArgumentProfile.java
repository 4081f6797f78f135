package dev.bulwark.server.whatif;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the observed values of one top-level argument of one tool allow a learned policy to require. Stable values are
 * constrained: strings with at most {@code maxValues} distinct values (each at most 200 characters) to that set,
 * integers to the observed range, booleans to the values seen. Anything else — free text, fractions, objects, lists,
 * values the audit redactor changed, names that are not Cedar identifiers — is left unconstrained, and the comment
 * says why.
 *
 * @param name      the argument
 * @param type      the Cedar schema type the condition reads ({@code String}, {@code Long}, {@code Bool}); {@code null}
 *                  when unconstrained
 * @param condition the Cedar condition, or {@code null}
 * @param comment   one line for the reviewer
 */
record ArgumentProfile(String name, String type, String condition, String comment) {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Cedar's reserved identifiers: not usable after a dot or {@code has}, so such an argument is not constrained. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "if", "then", "else", "in",
            "is", "like", "has", "__cedar");
    /** Placeholders the audit redactor writes: [REDACTED], [REDACTED:kind], [TRUNCATED: …], [EMAIL] … */
    private static final Pattern REDACTION = Pattern.compile("\\[[A-Z][A-Z_]*(?:[:\\]])");
    private static final int MAX_STRING = 200;

    boolean constrained() {
        return condition != null;
    }

    ArgumentProfile unconstrained(String why) {
        return new ArgumentProfile(name, null, null, commentText(name) + ": not constrained (" + why + ")");
    }

    static ArgumentProfile of(String name, List<Map<String, Object>> calls, List<Boolean> redacted, int maxValues) {
        List<Object> values = new java.util.ArrayList<>();
        boolean anyRedacted = false;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).containsKey(name)) {
                Object v = calls.get(i).get(name);
                values.add(v);
                anyRedacted |= redacted.get(i) && v instanceof String s && REDACTION.matcher(s).find();
            }
        }
        boolean always = values.size() == calls.size();
        String presence = always ? "in every call" : "in " + values.size() + " of " + calls.size() + " calls";
        ArgumentProfile none = new ArgumentProfile(name, null, null, null);
        if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name) || name.startsWith("__cedar")) {
            return none.unconstrained("its name is not a Cedar identifier");
        }
        if (anyRedacted) {
            return none.unconstrained("the audit log holds its values redacted");
        }
        String access = "context.arguments." + name;
        String condition;
        String type;
        String seen;
        if (values.stream().allMatch(String.class::isInstance)) {
            TreeSet<String> distinct = new TreeSet<>();
            values.forEach(v -> distinct.add((String) v));
            if (distinct.size() > maxValues) {
                return none.unconstrained(distinct.size() + " distinct values seen " + presence);
            }
            if (distinct.stream().anyMatch(s -> s.length() > MAX_STRING || REDACTION.matcher(s).find())) {
                return none.unconstrained("a value is longer than " + MAX_STRING + " characters or redacted");
            }
            type = "String";
            condition = distinct.size() == 1 ? access + " == " + literal(distinct.first())
                    : "[" + String.join(", ", distinct.stream().map(ArgumentProfile::literal).toList()) + "].contains("
                    + access + ")";
            seen = distinct.size() + " distinct value" + (distinct.size() == 1 ? "" : "s");
        } else if (values.stream().allMatch(Long.class::isInstance)) {
            long min = values.stream().mapToLong(v -> (Long) v).min().orElseThrow();
            long max = values.stream().mapToLong(v -> (Long) v).max().orElseThrow();
            type = "Long";
            condition = min == max ? access + " == " + min : access + " >= " + min + " && " + access + " <= " + max;
            seen = "range " + min + " to " + max;
        } else if (values.stream().allMatch(Boolean.class::isInstance)) {
            TreeSet<Boolean> distinct = new TreeSet<>();
            values.forEach(v -> distinct.add((Boolean) v));
            if (distinct.size() > 1) {
                return none.unconstrained("both true and false seen " + presence);
            }
            type = "Bool";
            condition = access + " == " + distinct.first();
            seen = "always " + distinct.first();
        } else {
            return none.unconstrained("its values are not all strings, integers or booleans");
        }
        String full = always ? "context.arguments has " + name + " && " + paren(condition)
                : "(if context.arguments has " + name + " then " + paren(condition) + " else true)";
        return new ArgumentProfile(name, type, full, name + ": " + seen + " " + presence);
    }

    private static String paren(String condition) {
        return condition.contains("&&") ? "(" + condition + ")" : condition;
    }

    /**
     * Text for a {@code //} comment, which ends at any line break a reader or lexer may honour: control characters,
     * line and paragraph separators, format characters and lone surrogates are written as {@code \\u{..}}, and the
     * text is cut to 200 characters, so an agent-chosen name can never end its comment and start policy text.
     */
    static String commentText(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_STRING).forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                out.append("\\u{").append(Integer.toHexString(c)).append('}');
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_STRING ? out + "…" : out.toString();
    }

    /** A Cedar string literal: quotes and backslashes escaped, control characters as unicode escapes. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) {
                        out.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
