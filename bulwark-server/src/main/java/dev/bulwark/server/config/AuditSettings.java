package dev.bulwark.server.config;

/**
 * @param checkpointEvery records between signed checkpoints (default 1000)
 * @param sync            SQLite durability of each commit: {@code full} (default) survives power loss, an fsync per
 *                        group commit; {@code normal} survives a crash of the process (kill -9) but may lose the
 *                        last commits on power loss, and is faster
 */
public record AuditSettings(int checkpointEvery, String sync) {
    public AuditSettings {
        checkpointEvery = checkpointEvery == 0 ? 1000 : checkpointEvery;
        if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
            throw new IllegalArgumentException("audit.checkpointEvery must be between 1 and 1000000");
        }
        sync = sync == null || sync.isBlank() ? "full" : sync;
        if (!sync.equals("full") && !sync.equals("normal")) {
            throw new IllegalArgumentException("audit.sync must be full or normal");
        }
    }
}
