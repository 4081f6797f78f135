package dev.bulwark.engine.validation;

/** The only resources a tool schema may name: the standard JSON Schema meta-schemas, which ship with the validator. */
final class MetaSchemas {
    private MetaSchemas() {}

    static boolean isStandard(String iri) {
        return iri.startsWith("https://json-schema.org/draft/") || iri.startsWith("http://json-schema.org/draft-");
    }
}
