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
 *
 * <p>All sessions together keep at most {@link #KEPT_DIRECTORIES} full work directories: sessions are cheap to open,
 * so without a total an agent could fill the gateway's heap. Past it, the directories of the least recently used
 * other sessions are dropped (their next run starts empty, as after an idle period).
 */
final class SessionWorkDirs {
    /** How many full work directories all sessions together may keep in the gateway's memory. */
    static final int KEPT_DIRECTORIES = 8;
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
        T result;
        synchronized (entry) {
            Outcome<T> outcome = run.apply(entry.files);
            long size = outcome.workDir().values().stream().mapToLong(b -> b.length).sum();
            entry.files = size <= maxBytes ? Map.copyOf(outcome.workDir()) : Map.of();
            entry.bytes = size <= maxBytes ? size : 0;
            entry.lastUsed = clock.instant();
            result = outcome.result();
        }
        makeRoom(sessionId);
        return result;
    }

    /** Drops the least recently used other sessions' directories until all together fit the total. */
    private synchronized void makeRoom(String keep) {
        long total = entries.values().stream().mapToLong(e -> e.bytes).sum();
        if (total <= KEPT_DIRECTORIES * maxBytes) {
            return;
        }
        var oldestFirst = entries.entrySet().stream().filter(e -> !e.getKey().equals(keep) && e.getValue().bytes > 0)
                .sorted(java.util.Comparator.comparing(e -> e.getValue().lastUsed)).toList();
        for (Map.Entry<String, Entry> e : oldestFirst) {
            if (total <= KEPT_DIRECTORIES * maxBytes) {
                return;
            }
            total -= e.getValue().bytes;
            entries.remove(e.getKey(), e.getValue());
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
        volatile Map<String, byte[]> files = Map.of();
        volatile long bytes;
        volatile Instant lastUsed = clock.instant();
    }
}
