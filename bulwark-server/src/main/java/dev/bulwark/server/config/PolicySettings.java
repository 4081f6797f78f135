package dev.bulwark.server.config;

/**
 * @param dir        directory of {@code *.cedar} files; default {@code <dataDir>/policies}, seeded with examples
 * @param schema     optional schema extension file: attributes of agents, users and arguments that policies read,
 *                   added to Bulwark's own schema (default: a single {@code *.cedarschema} file in {@code dir})
 * @param validation {@code strict} (default: schema errors refuse the policies), {@code permissive} (they are
 *                   logged as warnings) or {@code off}
 */
public record PolicySettings(String dir, String schema, String validation) {
    public PolicySettings {
        dir = dir == null || dir.isBlank() ? null : dir;
        schema = schema == null || schema.isBlank() ? null : schema;
        validation = validation == null || validation.isBlank() ? "strict" : validation;
        try {
            dev.bulwark.policy.PolicyValidation.parse(validation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policies.validation must be strict, permissive or off, not '"
                    + validation + "'");
        }
    }

    public PolicySettings(String dir, String schema) {
        this(dir, schema, null);
    }
}
