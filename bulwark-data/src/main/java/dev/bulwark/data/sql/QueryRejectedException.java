package dev.bulwark.data.sql;

/** Agent SQL that cannot be proven safe. The message is safe to show the agent: it names the rule broken. */
public final class QueryRejectedException extends Exception {
    public QueryRejectedException(String message) {
        super(message);
    }
}
