package dev.bulwark.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: appends from several threads until it is killed, printing
 * {@code ACK <sequence>} for each append that returned, i.e. was acknowledged as durable. It signs checkpoints by
 * count only: a checkpoint by time lands wherever the machine's speed puts it, and the test counts checkpoints.
 */
public final class CrashingAppender {
    private CrashingAppender() {}

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        int checkpointInterval = Integer.parseInt(args[1]);
        JdbcAuditLog log = JdbcAuditLog.openEmbedded(dataDirectory, AuditLogOptions.defaults()
                .withCheckpointInterval(checkpointInterval).withCheckpointPeriod(Duration.ZERO));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1_000_000;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = base; ; i++) {
                    long sequence = log.append(TestEvents.event(i)).sequence();
                    synchronized (System.out) {
                        System.out.println("ACK " + sequence);
                        System.out.flush();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
