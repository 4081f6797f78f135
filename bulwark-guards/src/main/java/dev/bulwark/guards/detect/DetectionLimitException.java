package dev.bulwark.guards.detect;

/** A text produced more findings than the configured bound; callers fail closed. */
public final class DetectionLimitException extends RuntimeException {
    public DetectionLimitException(String message) {
        super(message);
    }
}
