package dev.bulwark.server.config;

/**
 * @param checkpointEvery records between signed checkpoints (default 1000)
 * @param sync            SQLite durability of each commit. {@code normal} (default): WAL commits survive a crash of
 *                        the gateway process (kill -9), which is what acknowledging a call promises; the last commits
 *                        may be lost if the whole machine loses power. {@code full}: also survives power loss, at the
 *                        cost of an fsync per group commit (about 0.6 ms on the reference machine's disk, paid by
 *                        every sequential call). PostgreSQL follows the server's own {@code synchronous_commit}.
 */
public record AuditSettings(Integer checkpointEvery, String sync) {
    public AuditSettings {
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
            throw new IllegalArgumentException("audit.checkpointEvery must be between 1 and 1000000");
        }
        sync = sync == null || sync.isBlank() ? "normal" : sync;
        if (!sync.equals("full") && !sync.equals("normal")) {
            throw new IllegalArgumentException("audit.sync must be full or normal");
        }
    }
}
