package dev.bulwark.console;

import java.time.Instant;

/**
 * One signed-in human. The credential stays in server memory only (never in a page, a cookie or a log): the console
 * forwards API calls with it, so the API's own checks apply.
 *
 * @param id         the cookie value (256 random bits)
 * @param csrfToken  the token every state-changing request must carry in {@code X-CSRF-Token} (256 random bits)
 * @param user       who signed in
 * @param credential what they signed in with
 * @param createdAt  sign-in time
 * @param lastSeen   the last request
 */
record ConsoleSession(String id, String csrfToken, ConsoleUser user, String credential, Instant createdAt,
                      Instant lastSeen) {
    ConsoleSession seenAt(Instant now) {
        return new ConsoleSession(id, csrfToken, user, credential, createdAt, now);
    }

    @Override
    public String toString() { // never print the credential or tokens
        return "ConsoleSession[" + user.id() + "]";
    }
}
