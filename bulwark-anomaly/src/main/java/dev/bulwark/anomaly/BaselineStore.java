package dev.bulwark.anomaly;

import java.util.List;
import java.util.Map;

/**
 * Where principals' baselines are kept beyond one process, so they survive a restart and replicas share them. Values
 * are opaque snapshots the detector wrote; the store only keeps them. Implementations throw
 * {@link IllegalStateException} when the storage cannot be reached; the detector then carries on in memory.
 */
public interface BaselineStore {

    /** A stored snapshot. */
    record Snapshot(String principal, byte[] state) {}

    /** The snapshot of one principal, or {@code null} when none is stored. */
    byte[] load(String principal);

    /** The most recently written snapshots, newest first, at most {@code max}. */
    List<Snapshot> recent(int max);

    /** Writes (inserts or replaces) these snapshots, then keeps at most {@code keep} of the newest. */
    void save(Map<String, byte[]> snapshots, int keep);
}
