package dev.bulwark.policy;

import java.util.Optional;
import java.util.Set;

/**
 * Bounds how deeply a policy statement nests before Cedar sees it. Cedar's parser runs natively on the caller's
 * stack and recurses per nesting level: with cedar-java 4.10.0 on a 1 MiB thread stack, 100 nested parentheses, 100
 * nested lists, records or function calls, 700 nested {@code if}s or a chain of 20,000 {@code +} or {@code .} (1,500 once turned to JSON) end the
 * whole JVM with SIGSEGV (red-team round 2) — a refusal is the only safe answer. Brackets and {@code if}s open at once
 * are limited to {@link #MAX_DEPTH} together, operators in one statement to {@link #MAX_OPERATORS} (a chain of 400
 * member accesses is also about what the JSON form of a policy may nest, 1,000); string literals
 * and comments are skipped, so values inside them never count.
 */
final class NestingBound {
    static final int MAX_DEPTH = 32;
    static final int MAX_OPERATORS = 400;
    private static final Set<String> WORD_OPERATORS = Set.of("has", "like", "is", "in", "if");

    private NestingBound() {}

    /**
     * Why a schema extension is refused, or empty: its types may nest at most {@link #MAX_DEPTH} records and sets
     * ({@code {}, {@code <}; 1,000 nested records crashed the JVM in the native schema parser).
     */
    static Optional<String> schemaProblem(String schema) {
        int depth = 0;
        int deepest = 0;
        int n = schema.length();
        for (int i = 0; i < n; i++) {
            char c = schema.charAt(i);
            int skipped = pastLiteralOrComment(schema, i);
            if (skipped != i) {
                i = skipped;
            } else if (c == '{' || c == '<' || c == '[' || c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == '>' || c == ']' || c == ')') {
                depth--;
            }
        }
        return deepest > MAX_DEPTH ? Optional.of("the schema nests " + deepest + " levels deep; at most " + MAX_DEPTH
                + " are accepted") : Optional.empty();
    }

    /** Why the statement is refused, or empty when it is within the bounds. */
    static Optional<String> problem(String statement) {
        int depth = 0;
        int deepest = 0;
        int ifs = 0;
        int operators = 0;
        int n = statement.length();
        for (int i = 0; i < n; i++) {
            char c = statement.charAt(i);
            int skipped = pastLiteralOrComment(statement, i);
            if (skipped != i) {
                i = skipped;
            } else if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i + 1 < n && (Character.isLetterOrDigit(statement.charAt(i + 1))
                        || statement.charAt(i + 1) == '_')) {
                    i++;
                }
                String word = statement.substring(start, i + 1);
                if (WORD_OPERATORS.contains(word)) {
                    operators++;
                    ifs += word.equals("if") ? 1 : 0;
                }
            } else if ("&|+-*<>=!.".indexOf(c) >= 0) {
                operators++;
                if (i + 1 < n && "&|=".indexOf(statement.charAt(i + 1)) >= 0 && c != '.') {
                    i++; // &&, ||, ==, !=, <=, >= are one operator
                }
            }
        }
        // an if counts as one level for its whole extent: else-if chains nest as deeply as they are long
        if (deepest + ifs > MAX_DEPTH) {
            return Optional.of("the policy nests " + (deepest + ifs) + " levels deep (brackets and if-expressions);"
                    + " at most " + MAX_DEPTH + " are accepted");
        }
        if (operators > MAX_OPERATORS) {
            return Optional.of("the policy has " + operators + " operators; at most " + MAX_OPERATORS
                    + " are accepted in one policy");
        }
        return Optional.empty();
    }

    /**
     * Where the string literal or line comment starting at {@code i} ends (its closing quote or last character), or
     * {@code i} itself when none starts there: values inside them are never structure.
     */
    private static int pastLiteralOrComment(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '"') {
            for (i++; i < n && text.charAt(i) != '"'; i++) {
                if (text.charAt(i) == '\\') {
                    i++;
                }
            }
            return i;
        }
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
            while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            return i;
        }
        return i;
    }
}
