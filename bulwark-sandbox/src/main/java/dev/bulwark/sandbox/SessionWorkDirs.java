package dev.bulwark.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work directories sessions keep between calls (when so configured): held by the gateway between runs, not on
 * disk, each bounded by the work directory's size, dropped after an idle period or at shutdown. One session's calls
 * run one at a time, so a run always starts from the directory the previous run left.
 */
final class SessionWorkDirs {
    private final Duration idle;
    private final long maxBytes;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SessionWorkDirs(Duration idle, long maxBytes, Clock clock) {
        this.idle = idle;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** A run's new work directory and its result. */
    record Outcome<T>(Map<String, byte[]> workDir, T result) {}

    interface Run<T> {
        Outcome<T> apply(Map<String, byte[]> kept) throws SandboxException, InterruptedException;
    }

    <T> T with(String sessionId, Run<T> run) throws SandboxException, InterruptedException {
        expire();
        Entry entry = entries.computeIfAbsent(sessionId, k -> new Entry());
        synchronized (entry) {
            Outcome<T> outcome = run.apply(entry.files);
            long size = outcome.workDir().values().stream().mapToLong(b -> b.length).sum();
            entry.files = size <= maxBytes ? Map.copyOf(outcome.workDir()) : Map.of();
            entry.lastUsed = clock.instant();
            return outcome.result();
        }
    }

    /** The names of the files a session keeps (for tests and diagnostics). */
    java.util.Set<String> kept(String sessionId) {
        Entry entry = entries.get(sessionId);
        return entry == null ? java.util.Set.of() : entry.files.keySet();
    }

    void expire() {
        Instant cutoff = clock.instant().minus(idle);
        entries.entrySet().removeIf(e -> e.getValue().lastUsed.isBefore(cutoff));
    }

    void clear() {
        entries.clear();
    }

    private final class Entry {
        Map<String, byte[]> files = Map.of();
        Instant lastUsed = clock.instant();
    }
}
