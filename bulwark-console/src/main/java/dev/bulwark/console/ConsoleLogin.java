package dev.bulwark.console;

import java.util.Optional;

/**
 * Who a presented credential belongs to: the same user authentication as the approval queue (approver keys) and the
 * admin token. The gateway implements it; the console asks it at sign-in and again on every request, so a revoked key
 * or a removed role ends the session at once.
 */
@FunctionalInterface
public interface ConsoleLogin {
    /** The human the credential names, or empty when it names nobody allowed to sign in. */
    Optional<ConsoleUser> authenticate(String credential);
}
