package dev.bulwark.server.config;

/** @param checkpointEvery records between signed checkpoints (default 1000) */
public record AuditSettings(int checkpointEvery) {
    public AuditSettings {
        checkpointEvery = checkpointEvery == 0 ? 1000 : checkpointEvery;
        if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
            throw new IllegalArgumentException("audit.checkpointEvery must be between 1 and 1000000");
        }
    }
}
