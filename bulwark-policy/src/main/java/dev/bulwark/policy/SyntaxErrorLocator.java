package dev.bulwark.policy;

import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.exception.InternalException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where in a statement a Cedar parse error lies, since cedar-java reports parse errors without a position.
 *
 * <p>A prefix of a statement that ends before the offending token can still be completed, so Cedar calls it
 * "unexpected end of input"; the shortest prefix that fails any other way ends at the offending token. A binary
 * search over token boundaries finds it in a few parses; as Cedar may read one token further before failing, the
 * culprit named by the message is then looked for backwards. Errors found only after parsing (unknown function, bad
 * escape) cannot be pinned this way and are placed at the statement's start.
 */
final class SyntaxErrorLocator {
    static final String END_OF_INPUT = "unexpected end of input";
    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("unexpected token `([^`]*)`");

    private SyntaxErrorLocator() {
    }

    /** Offset within {@code statement} of the error Cedar reported as {@code message}. */
    static int locate(String statement, String message) {
        int[] ends = CedarSource.tokenEnds(statement);
        if (ends.length == 0) {
            return 0;
        }
        if (message.contains(END_OF_INPUT)) {
            return ends[ends.length - 1];
        }
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (failsBeforeEnd(statement.substring(0, ends[mid]))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        boolean lexical = message.startsWith("unexpected token") || message.startsWith("invalid token");
        if (lo == ends.length - 1 && !lexical) {
            return 0;
        }
        Matcher unexpected = UNEXPECTED_TOKEN.matcher(message);
        if (unexpected.lookingAt()) {
            // Cedar's parser may read one token past the culprit before failing: find the culprit by its text.
            for (int i = lo; i >= 0; i--) {
                int start = CedarSource.tokenStart(statement, ends, i);
                if (statement.substring(start, ends[i]).equals(unexpected.group(1))) {
                    return start;
                }
            }
        }
        return CedarSource.tokenStart(statement, ends, lo);
    }

    private static boolean failsBeforeEnd(String prefix) {
        try {
            Policy.parseStaticPolicy(prefix);
            return false;
        } catch (InternalException e) {
            return !PolicyLoader.messageOf(e).contains(END_OF_INPUT);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
