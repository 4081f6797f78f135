package dev.bulwark.data.sql;

/**
 * The lexical screen every agent statement passes before parsing. It removes comments ({@code --} to the end of the
 * line, {@code /* … *}{@code /}) with the same tokenizer that finds string literals and quoted identifiers, so text
 * inside a literal is never taken for a comment and a comment can never hide or open a literal; the parser and the
 * database only ever see the text without them. It rejects whatever could make the parser and the database read the
 * text differently: nested or unterminated block comments (PostgreSQL nests them, SQLite does not), {@code #},
 * extra statements, parameters, dollar quoting, backslash and prefixed string forms ({@code E'..'},
 * {@code U&".."}), non-ASCII outside literals, control characters, and quoting other than {@code '..'} literals and
 * {@code ".."} identifiers of plain characters.
 */
final class SqlScreen {
    private SqlScreen() {}

    /**
     * Screens agent SQL.
     *
     * @return the statement with every comment replaced by one space
     */
    static String screen(String sql, SqlLimits limits) throws QueryRejectedException {
        if (sql == null || sql.isBlank()) {
            throw new QueryRejectedException("the SQL text is empty");
        }
        if (sql.length() > limits.maxLength()) {
            throw new QueryRejectedException("the SQL text is longer than " + limits.maxLength() + " characters");
        }
        StringBuilder out = new StringBuilder(sql.length());
        int depth = 0;
        int i = 0;
        int n = sql.length();
        boolean ended = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = endOfLineComment(sql, i);
                out.append(' ');
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i);
                out.append(' ');
                continue;
            }
            if (ended) {
                if (!Character.isWhitespace(c)) {
                    throw new QueryRejectedException("only one statement is allowed");
                }
                i++;
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new QueryRejectedException("the SQL text contains a control character (code " + (int) c + ")");
            }
            if (c == '\'' || c == '"') {
                if (i > 0 && isPrefixCharacter(sql.charAt(i - 1))) {
                    throw new QueryRejectedException("prefixed string or identifier forms (E'..', X'..', U&\"..\") "
                            + "are not supported");
                }
                int end = c == '\'' ? endOfLiteral(sql, i) : endOfIdentifier(sql, i);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '#') {
                throw new QueryRejectedException("'#' is not allowed outside string literals (it is not a comment in "
                        + "SQLite or PostgreSQL; use -- or /* */)");
            }
            if (c == ';') {
                ended = true;
                i++;
                continue;
            }
            if (c == '(') {
                if (++depth > limits.maxNesting()) {
                    throw new QueryRejectedException("the SQL nests deeper than " + limits.maxNesting() + " levels");
                }
            } else if (c == ')') {
                depth--;
            } else if (c > 0x7e) {
                throw new QueryRejectedException("non-ASCII characters are only allowed inside string literals");
            } else if ("\\$?`[]{}@".indexOf(c) >= 0) {
                throw new QueryRejectedException("the character '" + c + "' is not allowed outside string literals");
            }
            out.append(c);
            i++;
        }
        String screened = out.toString();
        if (screened.isBlank()) {
            throw new QueryRejectedException("the SQL text holds only comments");
        }
        if (screened.toLowerCase(java.util.Locale.ROOT).contains("__bulwark")) {
            throw new QueryRejectedException("names starting with __bulwark are reserved");
        }
        return screened;
    }

    /** Index of the line end that closes a {@code --} comment starting at {@code start} (or the text's end). */
    private static int endOfLineComment(String sql, int start) {
        int i = start + 2;
        while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Index just past the {@code *}{@code /} closing a block comment starting at {@code start}. A {@code /*} inside
     * the comment is refused: PostgreSQL nests block comments and SQLite does not, so the two would end the comment
     * at different places.
     */
    private static int endOfBlockComment(String sql, int start) throws QueryRejectedException {
        int i = start + 2;
        while (i + 1 < sql.length()) {
            char c = sql.charAt(i);
            if (c == '*' && sql.charAt(i + 1) == '/') {
                return i + 2;
            }
            if (c == '/' && sql.charAt(i + 1) == '*') {
                throw new QueryRejectedException("nested block comments are not supported (SQLite and PostgreSQL "
                        + "end them at different places)");
            }
            i++;
        }
        throw new QueryRejectedException("unterminated block comment");
    }

    private static boolean isPrefixCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '&';
    }

    /** Index just past a single-quoted literal starting at {@code start}; {@code ''} is an escaped quote. */
    private static int endOfLiteral(String sql, int start) throws QueryRejectedException {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                throw new QueryRejectedException("backslashes are not allowed in SQL (their meaning differs between "
                        + "databases)");
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new QueryRejectedException("the SQL text contains a control character (code " + (int) c + ")");
            }
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new QueryRejectedException("unterminated string literal");
    }

    /** Index just past a double-quoted identifier, which may hold letters, digits, underscore and space only. */
    private static int endOfIdentifier(String sql, int start) throws QueryRejectedException {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                if (i == start + 1) {
                    throw new QueryRejectedException("empty quoted identifier");
                }
                return i + 1;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ' ')) {
                throw new QueryRejectedException("quoted identifiers may only contain letters, digits, '_' and space");
            }
            i++;
        }
        throw new QueryRejectedException("unterminated quoted identifier");
    }

    /** The deepest parenthesis nesting outside literals, for text that passed {@link #screen}. */
    static int nesting(String sql) {
        boolean[] outside = outsideQuotes(sql);
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (outside[i] && sql.charAt(i) == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (outside[i] && sql.charAt(i) == ')') {
                depth--;
            }
        }
        return deepest;
    }

    /**
     * Positions of the characters of {@code text} that lie outside single-quoted literals and double-quoted
     * identifiers, as a predicate over indexes. Used on trusted text (policy SQL, deparsed SQL) which has no
     * backslash escapes.
     */
    static boolean[] outsideQuotes(String text) {
        boolean[] outside = new boolean[text.length()];
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0) {
                if (c == '\'' || c == '"') {
                    quote = c;
                } else {
                    outside[i] = true;
                }
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    quote = 0;
                }
            }
        }
        return outside;
    }
}
