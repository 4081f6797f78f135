package dev.bulwark.server.streams;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends priming events that are still held. A stream's priming event is written without a flush so that, when the
 * answer follows at once (most calls), both leave in one write to the socket; a stream that has sent nothing else by
 * the time this runs (every {@link #DELAY_MILLIS} ms, on one daemon thread for the process) gets its priming event
 * flushed then, so a long call is resumable a few tens of milliseconds after it starts.
 */
final class PrimeFlushes {
    /** How long a priming event may wait for the event after it; the check runs at the same interval. */
    static final long DELAY_MILLIS = 20;

    private record Held(RecordedStream stream, long since) {}

    private static final ConcurrentLinkedQueue<Held> HELD = new ConcurrentLinkedQueue<>();
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bulwark-stream-priming");
        thread.setDaemon(true);
        return thread;
    });

    static {
        FLUSHER.scheduleWithFixedDelay(PrimeFlushes::flushDue, DELAY_MILLIS, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private PrimeFlushes() {
    }

    /** The stream holds its priming event unsent; it is flushed within about twice the delay unless sent before. */
    static void held(RecordedStream stream) {
        HELD.add(new Held(stream, System.nanoTime()));
    }

    private static void flushDue() {
        long due = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
        for (Held held = HELD.peek(); held != null && held.since() - due <= 0; held = HELD.peek()) {
            HELD.poll();
            try {
                held.stream().flushPriming();
            } catch (RuntimeException e) {
                // one connection's failure must not stop the others' priming; the stream is recorded regardless
            }
        }
    }
}
