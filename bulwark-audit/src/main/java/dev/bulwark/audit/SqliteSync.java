package dev.bulwark.audit;

/**
 * How hard SQLite pushes each commit to disk (its {@code synchronous} setting, in WAL mode). Either way an append
 * returns only after its transaction committed. PostgreSQL ignores this: its own {@code synchronous_commit} rules.
 */
public enum SqliteSync {
    /**
     * {@code synchronous=NORMAL}: a commit is written to the WAL file (the operating system's page cache) without
     * fsync. Survives a crash or {@code kill -9} of the process; the last commits can be lost if the machine loses
     * power or the kernel crashes.
     */
    NORMAL,
    /**
     * {@code synchronous=FULL}: the WAL is fsynced at every commit. Also survives power loss, at the cost of one
     * fsync per group commit (not per record).
     */
    FULL
}
