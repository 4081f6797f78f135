package dev.bulwark.policy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a policy directory is loaded.
 *
 * @param schemaExtension a schema extension file (see {@link PolicySchema}); when empty, a single
 *                        {@code *.cedarschema} file in the directory is used if there is one
 * @param validation      how strictly policies are checked against the schema
 */
public record PolicyOptions(Optional<Path> schemaExtension, PolicyValidation validation) {
    public PolicyOptions {
        Objects.requireNonNull(schemaExtension, "schemaExtension");
        Objects.requireNonNull(validation, "validation");
    }

    /** Strict validation against Bulwark's schema and the directory's own extension, if any. */
    public static PolicyOptions strict() {
        return new PolicyOptions(Optional.empty(), PolicyValidation.STRICT);
    }

    public PolicyOptions withExtension(Path extension) {
        return new PolicyOptions(Optional.of(extension), validation);
    }

    public PolicyOptions withValidation(PolicyValidation mode) {
        return new PolicyOptions(schemaExtension, mode);
    }
}
