package dev.bulwark.guards.action;

/** What happens to a finding of one type at one destination. */
public enum PiiAction {
    /** Leave the value; the text is still labelled {@code pii}. */
    ALLOW,
    /** Replace by a numbered placeholder, {@code <EMAIL_1>}, stable within a session. */
    REDACT,
    /** Keep the last four letters or digits, {@code ****1234}. */
    MASK,
    /** Replace by a keyed HMAC, truncated: {@code <EMAIL#3f9a2b1c7d8e>}; equal values give equal hashes. */
    HASH,
    /** Replace by a reversible token kept in an encrypted vault; restorable only with authorisation. */
    TOKENIZE,
    /** The whole text must not pass. */
    BLOCK
}
