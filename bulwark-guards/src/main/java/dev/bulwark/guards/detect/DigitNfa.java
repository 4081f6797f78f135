package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.DigitPattern.DEAD;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link DigitPattern}: a Thompson automaton of the pattern (each node has empty moves, or one move on a
 * set of digits, a 10-bit mask), then the subset construction. The languages are finite (no unbounded repeat is
 * accepted), so the construction always ends.
 */
final class DigitNfa {
    private static final int ALL_DIGITS = (1 << 10) - 1;

    /** The automaton of {@code regex}, or null when it uses syntax beyond the digit subset. */
    static DigitPattern compileOrNull(String regex) {
        DigitNfa nfa = new DigitNfa();
        Parser parser = new Parser(regex, nfa);
        int[] fragment = parser.alternation();
        if (fragment == null || parser.at != regex.length()) {
            return null;
        }
        return nfa.determinize(fragment[0], fragment[1]);
    }

    private final List<int[]> empty = new ArrayList<>();
    private final List<Integer> mask = new ArrayList<>();
    private final List<Integer> target = new ArrayList<>();

    int node() {
        empty.add(new int[0]);
        mask.add(0);
        target.add(DEAD);
        return empty.size() - 1;
    }

    void emptyMove(int from, int to) {
        int[] e = empty.get(from);
        int[] grown = Arrays.copyOf(e, e.length + 1);
        grown[e.length] = to;
        empty.set(from, grown);
    }

    /** A fragment {start, end} reading one digit of {@code digits}. */
    int[] digits(int digits) {
        int start = node();
        int end = node();
        mask.set(start, digits);
        target.set(start, end);
        return new int[] {start, end};
    }

    DigitPattern determinize(int start, int end) {
        Map<BitSet, Integer> ids = new HashMap<>();
        List<BitSet> states = new ArrayList<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        BitSet first = closure(BitSet.valueOf(new long[0]), start);
        ids.put(first, 0);
        states.add(first);
        todo.add(0);
        List<int[]> rows = new ArrayList<>();
        while (!todo.isEmpty()) {
            int id = todo.poll();
            BitSet set = states.get(id);
            int[] row = new int[10];
            for (int d = 0; d < 10; d++) {
                BitSet moved = new BitSet();
                for (int n = set.nextSetBit(0); n >= 0; n = set.nextSetBit(n + 1)) {
                    if ((mask.get(n) & (1 << d)) != 0) {
                        closure(moved, target.get(n));
                    }
                }
                if (moved.isEmpty()) {
                    row[d] = DEAD;
                    continue;
                }
                Integer known = ids.get(moved);
                if (known == null) {
                    known = states.size();
                    ids.put(moved, known);
                    states.add(moved);
                    todo.add(known);
                }
                row[d] = known;
            }
            while (rows.size() <= id) {
                rows.add(null);
            }
            rows.set(id, row);
        }
        int[] next = new int[states.size() * 10];
        boolean[] accepting = new boolean[states.size()];
        for (int s = 0; s < states.size(); s++) {
            System.arraycopy(rows.get(s), 0, next, s * 10, 10);
            accepting[s] = states.get(s).get(end);
        }
        return new DigitPattern(next, accepting);
    }

    private BitSet closure(BitSet into, int node) {
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            int n = stack.pop();
            if (!into.get(n)) {
                into.set(n);
                for (int e : empty.get(n)) {
                    stack.push(e);
                }
            }
        }
        return into;
    }

    /**
     * Recursive descent over the digit subset, building fragments as it goes; a repeated atom is parsed again for
     * each copy. Every method returns a fragment {start, end}, or null for syntax outside the subset.
     */
    private static final class Parser {
        private final String regex;
        private final DigitNfa nfa;
        int at;

        Parser(String regex, DigitNfa nfa) {
            this.regex = regex;
            this.nfa = nfa;
        }

        int[] alternation() {
            int[] first = sequence();
            if (first == null || !peek('|')) {
                return first;
            }
            int start = nfa.node();
            int end = nfa.node();
            int[] branch = first;
            while (true) {
                nfa.emptyMove(start, branch[0]);
                nfa.emptyMove(branch[1], end);
                if (!peek('|')) {
                    return new int[] {start, end};
                }
                at++;
                branch = sequence();
                if (branch == null) {
                    return null;
                }
            }
        }

        private int[] sequence() {
            int start = nfa.node();
            int end = start;
            while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
                int[] piece = repeated();
                if (piece == null) {
                    return null;
                }
                nfa.emptyMove(end, piece[0]);
                end = piece[1];
            }
            return new int[] {start, end};
        }

        /** An atom and its quantifier: {@code ?}, {@code {n}} or {@code {n,m}} (greedy; lazy or possessive refused). */
        private int[] repeated() {
            int atomAt = at;
            int[] atom = atom();
            if (atom == null) {
                return null;
            }
            int min = 1;
            int max = 1;
            if (peek('?')) {
                at++;
                min = 0;
            } else if (peek('{')) {
                int close = regex.indexOf('}', at);
                if (close < 0) {
                    return null;
                }
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                if (bounds.length > 2 || !bounds[0].matches("\\d{1,2}")
                        || bounds.length == 2 && !bounds[1].matches("\\d{1,2}")) {
                    return null;
                }
                min = Integer.parseInt(bounds[0]);
                max = bounds.length == 2 ? Integer.parseInt(bounds[1]) : min;
                at = close + 1;
            }
            if (min > max || peek('?') || peek('+') || peek('*') || peek('{')) {
                return null;
            }
            int afterQuantifier = at;
            int start = nfa.node();
            int end = start;
            for (int copy = 0; copy < max; copy++) {
                int[] piece = atom;
                if (copy > 0) {
                    at = atomAt;
                    piece = atom();
                }
                nfa.emptyMove(end, piece[0]);
                if (copy >= min) {
                    // An optional copy may be skipped: x{2,4} reads as x x x? x?, the same language as x x (x x?)?.
                    nfa.emptyMove(end, piece[1]);
                }
                end = piece[1];
            }
            at = afterQuantifier;
            return new int[] {start, end};
        }

        private int[] atom() {
            if (at >= regex.length()) {
                return null;
            }
            char c = regex.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
                return nfa.digits(1 << (c - '0'));
            }
            if (regex.startsWith("\\d", at)) {
                at += 2;
                return nfa.digits(ALL_DIGITS);
            }
            if (c == '[') {
                return digitClass();
            }
            if (c == '(') {
                at += regex.startsWith("(?:", at) ? 3 : regex.startsWith("(?", at) ? regex.length() + 1 : 1;
                if (at > regex.length()) {
                    return null;
                }
                int[] inner = alternation();
                if (inner == null || !peek(')')) {
                    return null;
                }
                at++;
                return inner;
            }
            return null;
        }

        /** {@code [...]} of digits, ranges of digits and {@code \d}; negation and other members are refused. */
        private int[] digitClass() {
            int digits = 0;
            at++;
            while (at < regex.length() && regex.charAt(at) != ']') {
                if (regex.startsWith("\\d", at)) {
                    digits |= ALL_DIGITS;
                    at += 2;
                    continue;
                }
                char from = regex.charAt(at);
                if (from < '0' || from > '9') {
                    return null;
                }
                char to = from;
                if (at + 2 < regex.length() && regex.charAt(at + 1) == '-' && regex.charAt(at + 2) != ']') {
                    to = regex.charAt(at + 2);
                    if (to < from || to > '9') {
                        return null;
                    }
                    at += 2;
                }
                for (char d = from; d <= to; d++) {
                    digits |= 1 << (d - '0');
                }
                at++;
            }
            if (at >= regex.length() || digits == 0) {
                return null;
            }
            at++;
            return nfa.digits(digits);
        }

        private boolean peek(char c) {
            return at < regex.length() && regex.charAt(at) == c;
        }
    }
}
