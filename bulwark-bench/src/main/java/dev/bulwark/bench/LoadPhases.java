package dev.bulwark.bench;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The two measurements of the load harness: sequential per-call latency and concurrent throughput. */
final class LoadPhases {
    /**
     * Calls attempted, calls that succeeded within the window, failed calls, the window, how long the slowest call took, the CPU time
     * this whole process spent in the window, and the first failure's message (empty when none failed). Calls still
     * running at the end of the window are waited for but not counted as throughput.
     */
    record Throughput(long attempted, long calls, long failures, long nanos, long slowestNanos, long cpuNanos, String firstFailure) {
        double callsPerSecond() {
            return calls * 1e9 / nanos;
        }

        double cpuMillisPerCall() {
            return cpuNanos / 1e6 / calls;
        }
    }

    private LoadPhases() {}

    /**
     * Alternates blocks of sequential calls between the two clients, so that noise from other processes on the
     * machine falls on both sides alike; returns the latencies of {@code a} and of {@code b}.
     */
    static List<Latencies> interleaved(McpSyncClient a, String toolA, McpSyncClient b, String toolB, int calls,
                                       int rounds) {
        long[] latA = new long[calls];
        long[] latB = new long[calls];
        int perRound = calls / rounds;
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            int end = round == rounds - 1 ? calls : n + perRound;
            boolean aFirst = round % 2 == 0;
            time(aFirst ? a : b, aFirst ? toolA : toolB, aFirst ? latA : latB, n, end);
            time(aFirst ? b : a, aFirst ? toolB : toolA, aFirst ? latB : latA, n, end);
            n = end;
        }
        return List.of(new Latencies(latA), new Latencies(latB));
    }

    private static void time(McpSyncClient client, String tool, long[] into, int from, int to) {
        for (int i = from; i < to; i++) {
            String text = "seq-" + i;
            long start = System.nanoTime();
            McpClients.echo(client, tool, text);
            into[i] = System.nanoTime() - start;
        }
    }

    /** Calls {@code tool} in a loop on every client, one thread each, until {@code seconds} have passed. */
    static Throughput throughput(Supplier<List<McpSyncClient>> connect, String tool, int seconds)
            throws InterruptedException {
        List<McpSyncClient> clients = connect.get();
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (int c = 0; c < clients.size(); c++) {
            McpSyncClient client = clients.get(c);
            String prefix = "c" + c + "-";
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long i = 0;
                long now = System.nanoTime();
                while (now < deadline[0]) {
                    long start = now;
                    boolean ok = true;
                    attempted.incrementAndGet();
                    try {
                        McpClients.echo(client, tool, prefix + i++);
                    } catch (RuntimeException e) {
                        ok = false;
                        failures.incrementAndGet();
                        firstFailure.compareAndSet("", String.valueOf(e));
                    }
                    now = System.nanoTime();
                    slowest.accumulateAndGet(now - start, Math::max);
                    if (ok && now <= deadline[0]) {
                        calls.incrementAndGet();
                    }
                }
            }));
        }
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        deadline[0] = start + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long cpu = processCpuNanos() - cpuStart;
        long elapsed = seconds * 1_000_000_000L;
        clients.forEach(McpSyncClient::closeGracefully);
        return new Throughput(attempted.get(), calls.get(), failures.get(), elapsed, slowest.get(), cpu, firstFailure.get());
    }

    /** CPU time of the whole process: clients, upstream and gateway share it, so only differences are meaningful. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
