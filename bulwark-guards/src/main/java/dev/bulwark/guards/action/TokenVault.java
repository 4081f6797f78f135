package dev.bulwark.guards.action;

/**
 * Reversible tokenization: a value becomes a token (the same value, type and session always give the same token),
 * and only an authorised caller gets the value back.
 */
public interface TokenVault {

    /** The token for {@code value}; throws when the vault cannot keep it (callers fail closed). */
    String tokenize(String sessionId, String type, String value);

    /**
     * The original value behind {@code token}.
     *
     * @throws RestoreDeniedException when the token is unknown or the authorisation does not permit it
     */
    String restore(String token, RestoreAuthorisation authorisation);
}
