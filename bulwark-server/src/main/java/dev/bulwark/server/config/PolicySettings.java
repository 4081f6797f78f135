package dev.bulwark.server.config;

/**
 * @param dir    directory of {@code *.cedar} files; default {@code <dataDir>/policies}, seeded with examples
 * @param schema optional Cedar schema file policies are validated against
 */
public record PolicySettings(String dir, String schema) {
    public PolicySettings {
        dir = dir == null || dir.isBlank() ? null : dir;
        schema = schema == null || schema.isBlank() ? null : schema;
    }
}
