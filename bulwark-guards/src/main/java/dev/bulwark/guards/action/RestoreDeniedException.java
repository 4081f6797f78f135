package dev.bulwark.guards.action;

/** A restore was refused: unknown token, or an authorisation the vault's policy does not permit. */
public final class RestoreDeniedException extends RuntimeException {
    public RestoreDeniedException(String message) {
        super(message);
    }
}
