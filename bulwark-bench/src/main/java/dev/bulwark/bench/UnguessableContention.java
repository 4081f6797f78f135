package dev.bulwark.bench;

import dev.bulwark.spi.Unguessable;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The random values the gateway draws per call, drawn by many threads at once: the way before session 8's late
 * change (one shared {@code SecureRandom} per guard and per stream store, {@code UUID.randomUUID} for the call id and
 * the upstream progress token) against {@link Unguessable} (a DRBG per thread). Per call: 12 bytes (spotlighting
 * boundary), 16 bytes (stream id), two UUIDs. Rounds alternate old and new; the figure is CPU-equivalent ns
 * per call: elapsed time x cores used / calls, so contention shows as a higher figure.
 *
 * <p>{@code java -cp <bulwark-spi classes>:<this module's classes> dev.bulwark.bench.UnguessableContention
 * [threads] [calls per thread] [rounds]}
 */
public final class UnguessableContention {
    private static final SecureRandom SHARED_GUARD = new SecureRandom();
    private static final SecureRandom SHARED_STREAMS = new SecureRandom();
    private static final LongAdder SINK = new LongAdder();

    private UnguessableContention() {}

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println("algorithm of new SecureRandom(): " + SHARED_GUARD.getAlgorithm());
        run(threads, calls, true);
        run(threads, calls, false);
        for (int r = 1; r <= rounds; r++) {
            double old = run(threads, calls, true);
            double now = run(threads, calls, false);
            System.out.printf("round %d threads %d: shared SecureRandom + UUID.randomUUID %.0f ns/call,"
                    + " Unguessable %.0f ns/call, ratio %.2f%n", r, threads, old, now, now / old);
        }
        System.out.println("sink " + SINK.sum());
    }

    private static double run(int threads, int calls, boolean old) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long acc = 0;
                for (int i = 0; i < calls; i++) {
                    acc += old ? oldCall() : newCall();
                }
                SINK.add(acc);
            });
            workers[t].start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        return (double) elapsed * Math.min(threads, Runtime.getRuntime().availableProcessors()) / ((long) threads * calls);
    }

    private static long oldCall() {
        byte[] boundary = new byte[12];
        SHARED_GUARD.nextBytes(boundary);
        byte[] stream = new byte[16];
        SHARED_STREAMS.nextBytes(stream);
        return boundary[0] + stream[0] + UUID.randomUUID().getLeastSignificantBits()
                + UUID.randomUUID().getLeastSignificantBits();
    }

    private static long newCall() {
        return Unguessable.bytes(12)[0] + Unguessable.bytes(16)[0] + Unguessable.uuid().getLeastSignificantBits()
                + Unguessable.uuid().getLeastSignificantBits();
    }
}
