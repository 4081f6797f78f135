package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Witness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a log's checkpoints to its witnesses, each from a background thread of its own, retrying a failing witness
 * with growing pauses (up to 30 s). Only the newest checkpoint not yet published is kept per witness: it commits to
 * every record before it, so the ones skipped while a witness was down add nothing to what it proves. No anchor is
 * dropped silently: a witness that stays behind longer than {@code maxLag} is reported as an error every 30 s, shown by
 * {@link #status()}, and, when {@code failClosed}, makes every append fail until it has caught up.
 */
public final class AnchorPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.bulwark.audit.witness");
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    /**
     * What one witness holds.
     *
     * @param witness      its name
     * @param published    the newest record anchored there, 0 when none yet
     * @param offered      the newest checkpoint waiting for it, 0 when none
     * @param behindSince  since when it has lacked a checkpoint the log signed, empty when it is current
     * @param lastError    why the last attempt failed, empty after a success
     */
    public record Status(String witness, long published, long offered, Optional<Instant> behindSince,
                         Optional<String> lastError) {
        public boolean behind() {
            return behindSince.isPresent();
        }
    }

    private final class Target {
        final Witness witness;
        Checkpoint pending;
        long published;
        Instant behindSince;
        /** When the first checkpoint arrived after the one being published was taken. */
        Instant offeredSinceTaken;
        String lastError;
        int failures;
        Instant nextTry = Instant.MIN;
        Instant lastWarning = Instant.MIN;

        Target(Witness witness) {
            this.witness = witness;
        }

        Status status() {
            return new Status(witness.name(), published, pending == null ? 0 : pending.sequence(),
                    Optional.ofNullable(behindSince), Optional.ofNullable(lastError));
        }
    }

    private final List<Target> targets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Duration maxLag;
    private final boolean failClosed;
    private final Clock clock;
    private boolean stopping;

    /**
     * @param maxLag     how long a witness may lack the newest checkpoint before it counts as behind (warnings, and
     *                   refused appends when fail-closed)
     * @param failClosed whether appends fail while a witness is behind for longer than {@code maxLag}
     */
    public AnchorPublisher(List<? extends Witness> witnesses, Duration maxLag, boolean failClosed, Clock clock) {
        Checks.present(witnesses, "witnesses").forEach(w -> targets.add(new Target(Checks.present(w, "witness"))));
        this.maxLag = Checks.present(maxLag, "maxLag");
        this.failClosed = failClosed;
        this.clock = Checks.present(clock, "clock");
        // one thread per witness: a slow or hanging witness never delays the others
        for (Target t : targets) {
            threads.add(Thread.ofPlatform().name("bulwark-audit-witness").daemon(true).start(() -> run(t)));
        }
    }

    /** No witnesses: nothing is published (the log then has no external anchor). */
    public static AnchorPublisher none() {
        return new AnchorPublisher(List.of(), Duration.ofSeconds(10), false, Clock.systemUTC());
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /** Hands a committed checkpoint to every witness that does not hold a newer one; never blocks on a witness. */
    public synchronized void offer(Checkpoint checkpoint) {
        Instant now = clock.instant();
        for (Target t : targets) {
            if (checkpoint.sequence() > t.published
                    && (t.pending == null || checkpoint.sequence() > t.pending.sequence())) {
                t.pending = checkpoint;
                if (t.behindSince == null) {
                    t.behindSince = now;
                }
                if (t.offeredSinceTaken == null) {
                    t.offeredSinceTaken = now;
                }
            }
        }
        notifyAll();
    }

    public synchronized List<Status> status() {
        return targets.stream().map(Target::status).toList();
    }

    /**
     * @throws AuditException when fail-closed and a witness has been behind for longer than {@code maxLag}
     */
    public synchronized void requireCurrent() {
        if (!failClosed) {
            return;
        }
        Instant limit = clock.instant().minus(maxLag);
        for (Target t : targets) {
            if (t.behindSince != null && t.behindSince.isBefore(limit)) {
                throw new AuditException("audit witness " + t.witness.name() + " has lacked the newest checkpoint"
                        + " since " + t.behindSince + " (" + (t.lastError == null ? "not yet published" : t.lastError)
                        + "): calls are refused until it catches up (audit.witnesses.failClosed)");
            }
        }
    }

    private void run(Target target) {
        while (true) {
            Checkpoint anchor;
            synchronized (this) {
                while (true) {
                    if (stopping) {
                        return;
                    }
                    Instant now = clock.instant();
                    if (target.pending != null && !target.nextTry.isAfter(now)) {
                        anchor = target.pending;
                        target.offeredSinceTaken = null;
                        break;
                    }
                    try {
                        wait(target.pending == null ? 0
                                : Math.min(MAX_PAUSE.toMillis(),
                                        Math.max(1, Duration.between(now, target.nextTry).toMillis())));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            publish(target, anchor);
        }
    }

    /** Publishes outside the lock, so a slow witness never holds up appends or the other witnesses' state. */
    private void publish(Target target, Checkpoint anchor) {
        String error = null;
        try {
            target.witness.publish(anchor.anchor());
        } catch (RuntimeException | Error e) { // any failure of a plug-in is a failed attempt, never a dead thread
            error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (error == null) {
                if (target.failures > 0) {
                    LOG.log(System.Logger.Level.WARNING, "audit witness " + target.witness.name()
                            + " caught up: holds record " + anchor.sequence() + " after " + target.failures
                            + " failed attempts");
                }
                target.published = Math.max(target.published, anchor.sequence());
                target.failures = 0;
                target.lastError = null;
                target.nextTry = Instant.MIN;
                if (target.pending != null && target.pending.sequence() <= target.published) {
                    target.pending = null;
                    target.behindSince = null;
                } else {
                    target.behindSince = target.offeredSinceTaken; // behind only on what came in meanwhile
                }
                notifyAll();
                return;
            }
            target.failures++;
            target.lastError = error;
            long pause = Math.min(MAX_PAUSE.toMillis(),
                    FIRST_PAUSE.toMillis() << Math.min(target.failures - 1, 10));
            target.nextTry = now.plusMillis(pause);
            boolean late = target.behindSince != null && target.behindSince.isBefore(now.minus(maxLag));
            if (late && !target.lastWarning.isAfter(now.minus(MAX_PAUSE))) {
                target.lastWarning = now;
                LOG.log(System.Logger.Level.ERROR, "AUDIT WITNESS BEHIND: " + target.witness.name()
                        + " holds record " + target.published + " but the log has signed record "
                        + anchor.sequence() + "; behind since " + target.behindSince + "; last error: " + error
                        + (failClosed ? "; calls are refused until it catches up" : "; calls continue (fail-open),"
                        + " records after " + target.published + " are not anchored there"));
            }
        }
    }

    /**
     * Tries for up to {@code patience} to get the pending checkpoints to every witness, then stops and closes them.
     */
    public void close(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (targets.stream().anyMatch(t -> t.pending != null && t.failures == 0)
                    && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stopping = true;
            notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(patience.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Target t : targets) {
            if (t.pending != null) {
                LOG.log(System.Logger.Level.ERROR, "audit witness " + t.witness.name() + " closed while behind: holds"
                        + " record " + t.published + ", the log signed record " + t.pending.sequence());
            }
            try {
                t.witness.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing audit witness " + t.witness.name() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
