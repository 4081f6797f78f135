package dev.bulwark.server.config;

import java.time.Duration;

/**
 * @param checkpointEvery  records between signed checkpoints (default 1000)
 * @param checkpointPeriod a checkpoint also this long after the first record it covers (default {@code 1s};
 *                         {@code off} checkpoints by count only), so the records no checkpoint or anchor covers are
 *                         only the last moment's
 * @param sync             SQLite durability of each commit. {@code normal} (default): WAL commits survive a crash of
 *                         the gateway process (kill -9), which is what acknowledging a call promises; the last commits
 *                         may be lost if the whole machine loses power. {@code full}: also survives power loss, at the
 *                         cost of an fsync per group commit (about 0.6 ms on the reference machine's disk, paid by
 *                         every sequential call). PostgreSQL follows the server's own {@code synchronous_commit}.
 * @param signingKeyFile   the checkpoint signing key file (default {@code <dataDir>/keys/audit-signing.key}, created
 *                         on first use); put it outside the data directory so that writing the directory is not
 *                         enough to re-sign a rewritten log
 * @param signingKeyEnv    name of an environment variable holding the key file's text instead (wins over the file)
 * @param witnesses        where checkpoints are anchored outside the audit database
 */
public record AuditSettings(Integer checkpointEvery, String checkpointPeriod, String sync, String signingKeyFile,
                            String signingKeyEnv, WitnessSettings witnesses) {
    public AuditSettings {
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
            throw new IllegalArgumentException("audit.checkpointEvery must be between 1 and 1000000");
        }
        checkpointPeriod = checkpointPeriod == null || checkpointPeriod.isBlank() ? "1s" : checkpointPeriod;
        if (!checkpointPeriod.equals("off")) {
            Durations.parse(checkpointPeriod, "audit.checkpointPeriod");
        }
        sync = sync == null || sync.isBlank() ? "normal" : sync;
        if (!sync.equals("full") && !sync.equals("normal")) {
            throw new IllegalArgumentException("audit.sync must be full or normal");
        }
        if (signingKeyFile != null && signingKeyFile.isBlank()) {
            throw new IllegalArgumentException("audit.signingKeyFile must name a file");
        }
        if (signingKeyEnv != null && !signingKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("audit.signingKeyEnv must be an environment variable name");
        }
        witnesses = witnesses == null ? WitnessSettings.defaults() : witnesses;
    }

    /** The settings before signing keys and witnesses could be configured. */
    public AuditSettings(Integer checkpointEvery, String sync) {
        this(checkpointEvery, null, sync, null, null, null);
    }

    /** Zero when checkpoints are by count only. */
    public Duration period() {
        return checkpointPeriod.equals("off") ? Duration.ZERO : Durations.parse(checkpointPeriod,
                "audit.checkpointPeriod");
    }
}
