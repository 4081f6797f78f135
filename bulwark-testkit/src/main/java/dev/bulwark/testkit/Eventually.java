package dev.bulwark.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a test cannot join on (a notification, a background write) by polling, and fails the test when
 * it does not happen within a bound: long enough for a loaded machine, short enough to report a real failure.
 */
public final class Eventually {
    /** How long {@link #until} waits. */
    public static final Duration BOUND = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private Eventually() {}

    /** Returns once {@code condition} holds; throws {@link AssertionError} after {@link #BOUND} or on interruption. */
    public static void until(BooleanSupplier condition) {
        until(BOUND, condition);
    }

    /** As {@link #until(BooleanSupplier)}, waiting at most {@code bound}. */
    public static void until(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + bound.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
