package dev.bulwark.spi.policy;

import dev.bulwark.spi.Checks;

/**
 * What a decision is about when it is not the tool itself: one MCP resource (by URI), resource template (by its URI
 * template) or prompt (by its namespaced name) of an upstream. Policy sees it as {@code Bulwark::Resource::"<id>"} or
 * {@code Bulwark::Prompt::"<id>"}, a member of the upstream's connector and of the tool's kind, in place of the tool.
 *
 * @param type what kind of thing it is
 * @param id   the resource's URI or URI template, or the prompt's {@code <upstream>.<name>}; at most
 *             {@link #MAX_ID_CHARS} visible characters
 */
public record Subject(Type type, String id) {
    /** Longest accepted id: longer URIs are refused before they reach policy. */
    public static final int MAX_ID_CHARS = 2048;

    /** The Cedar entity type of each kind of subject. */
    public enum Type {
        RESOURCE("Bulwark::Resource"),
        PROMPT("Bulwark::Prompt");

        private final String entityType;

        Type(String entityType) {
            this.entityType = entityType;
        }

        public String entityType() {
            return entityType;
        }
    }

    public Subject {
        Checks.present(type, "type");
        Checks.nonBlank(id, "id");
        if (id.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("subject id longer than " + MAX_ID_CHARS + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("subject id contains a control character");
            }
        }
    }

    public static Subject resource(String uriOrTemplate) {
        return new Subject(Type.RESOURCE, uriOrTemplate);
    }

    public static Subject prompt(String namespacedName) {
        return new Subject(Type.PROMPT, namespacedName);
    }
}
