package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Feeds calls to the detector off the calls' threads: {@link #offer} never blocks and never throws, so detection can
 * neither slow nor fail a call. A full queue drops the event (counted); a detector or response that throws is
 * counted, its message kept and logged, and the next event is processed. {@link #status()} makes both visible.
 */
public final class AnomalyFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AnomalyFeed.class.getName());

    /** What the feed has done so far. */
    public record Status(long processed, long dropped, long failed, String lastError, int principals) {}

    private final AnomalyDetector detector;
    private final Consumer<Anomaly> responses;
    private final BlockingQueue<CallEvent> queue;
    private final Thread worker;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean closed;

    public AnomalyFeed(AnomalyDetector detector, Consumer<Anomaly> responses, int capacity) {
        this.detector = Checks.present(detector, "detector");
        this.responses = Checks.present(responses, "responses");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::run, "bulwark-anomaly");
        worker.setDaemon(true);
        worker.start();
    }

    /** Hands a call to the detectors; false when it was dropped (queue full or closed). */
    public boolean offer(CallEvent call) {
        if (closed || call == null) {
            dropped.incrementAndGet();
            return false;
        }
        pending.incrementAndGet();
        if (!queue.offer(call)) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    public Status status() {
        return new Status(processed.get(), dropped.get(), failed.get(), lastError.get(), detector.principals());
    }

    /** Waits until every event offered so far has been processed, or the time is up (tests, shutdown). */
    public boolean drain(java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return pending.get() == 0;
    }

    private void run() {
        while (!closed) {
            CallEvent call;
            try {
                call = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                List<Anomaly> found = detector.observe(call);
                for (Anomaly anomaly : found) {
                    responses.accept(anomaly);
                }
                processed.incrementAndGet();
            } catch (RuntimeException | StackOverflowError e) {
                failed.incrementAndGet();
                lastError.set(e.getClass().getName() + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "anomaly detection failed on a call of " + call.agentId(), e);
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
