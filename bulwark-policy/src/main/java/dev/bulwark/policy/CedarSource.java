package dev.bulwark.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical facts about a {@code .cedar} file that cedar-java does not report: where each policy statement starts
 * and ends, where its tokens end, and which line and column an offset falls on.
 *
 * <p>Cedar has only line comments and double-quoted strings, so a statement ends at the first {@code ;} outside
 * both; that is all the splitter must know.
 */
final class CedarSource {
    /** One policy statement: its text including the final {@code ;} (if any) and where it starts in the file. */
    record Statement(String text, int start) {
    }

    private final String text;
    private final int[] lineStarts;

    CedarSource(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Statements in file order; text after the last {@code ;} that holds only blanks and comments is dropped. */
    List<Statement> statements() {
        List<Statement> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = lineEnd(i);
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == '"') {
                i = stringEnd(text, i);
                continue;
            }
            i++;
            if (c == ';') {
                out.add(new Statement(text.substring(start, i), start));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new Statement(text.substring(start), start));
        }
        return out;
    }

    /** 1-based line of an offset into the file. */
    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of an offset into the file. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /**
     * Offsets just past each token of a statement, in order. Two-character operators are one token so that a prefix
     * never ends inside one.
     */
    static int[] tokenEnds(String statement) {
        List<Integer> ends = new ArrayList<>();
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (c == '/' && i + 1 < n && statement.charAt(i + 1) == '/') {
                while (i < n && statement.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                i = stringEnd(statement, i);
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(statement.charAt(i)) || statement.charAt(i) == '_')) {
                    i++;
                }
            } else if (i + 1 < n && isPair(c, statement.charAt(i + 1))) {
                i += 2;
            } else {
                i++;
            }
            ends.add(i);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Offset where the token ending at {@code end} starts. */
    static int tokenStart(String statement, int[] ends, int index) {
        int from = index == 0 ? 0 : ends[index - 1];
        int i = from;
        while (i < ends[index]) {
            char c = statement.charAt(i);
            if (c == '/' && i + 1 < statement.length() && statement.charAt(i + 1) == '/') {
                while (i < statement.length() && statement.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return i;
            }
        }
        return from;
    }

    private static boolean isPair(char a, char b) {
        String pair = "" + a + b;
        return switch (pair) {
            case "==", "!=", "<=", ">=", "&&", "||", "::" -> true;
            default -> false;
        };
    }

    private int lineEnd(int i) {
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl;
    }

    /** Offset just past the string literal opening at {@code i}, or the end of text if it is unterminated. */
    private static int stringEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '"') {
                return j + 1;
            } else {
                j++;
            }
        }
        return s.length();
    }
}
