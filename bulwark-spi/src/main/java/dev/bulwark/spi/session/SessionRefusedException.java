package dev.bulwark.spi.session;

/** A session id may not be used by this principal, or no new session can be opened. The message is safe to show. */
public class SessionRefusedException extends Exception {
    public SessionRefusedException(String message) {
        super(message);
    }
}
