package dev.bulwark.spi.budget;

/** The counter store failed; a limit that cannot be checked refuses the call. */
public class UsageCounterException extends RuntimeException {
    public UsageCounterException(String message, Throwable cause) {
        super(message, cause);
    }
}
