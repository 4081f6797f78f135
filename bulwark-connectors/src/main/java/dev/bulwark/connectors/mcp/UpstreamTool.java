package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolAnnotations;
import dev.bulwark.spi.tool.ToolDetails;
import dev.bulwark.spi.tool.ToolKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One tool as the upstream defines it, and what of it is pinned: the upstream name, the description, the input
 * schema, the read-only hint (it can decide the tool's kind, so flipping it is a change too), and, when given, the
 * title and the other annotations (shown to people and models, so changing them is a change too), and the output
 * schema, {@code _meta}, icons and {@code execution} (passed on to agents too). Each enters the hash only when
 * present, so pins of tools that have none of them keep their hash.
 *
 * @param annotations exactly the upstream's annotations, or {@code null} when it gave none
 * @param details     output schema, {@code _meta}, icons and execution exactly as the upstream gave them
 */
record UpstreamTool(String upstreamName, String localName, String description, String inputSchema,
                    Boolean readOnlyHint, String title, ToolAnnotations annotations, ToolDetails details) {
    static final String EMPTY_OBJECT_SCHEMA = "{\"type\":\"object\"}";
    /** Largest description accepted, in UTF-8 bytes: it goes into every agent's context, so it is an attack surface. */
    static final int MAX_DESCRIPTION_BYTES = 16 * 1024;
    /** Largest input schema accepted, as canonical JSON in UTF-8 bytes. */
    static final int MAX_SCHEMA_BYTES = 64 * 1024;

    /** A definition without title or annotations other than the read-only hint. */
    UpstreamTool(String upstreamName, String localName, String description, String inputSchema, Boolean readOnlyHint) {
        this(upstreamName, localName, description, inputSchema, readOnlyHint, null,
                readOnlyHint == null ? null : new ToolAnnotations(null, readOnlyHint, null, null, null),
                ToolDetails.NONE);
    }

    UpstreamTool {
        details = details == null ? ToolDetails.NONE : details;
        if (annotations != null && !java.util.Objects.equals(annotations.readOnlyHint(), readOnlyHint)) {
            throw new IllegalArgumentException("readOnlyHint must be the annotations' own");
        }
    }

    /**
     * Reads a tool definition.
     *
     * @param annotations exactly the upstream's annotations, or {@code null}
     * @throws IllegalArgumentException when the description, title or schema is larger than allowed
     */
    static UpstreamTool of(String upstreamName, String localName, String description, Map<String, Object> schema,
                           String title, ToolAnnotations annotations) {
        return of(upstreamName, localName, description, schema, title, annotations, ToolDetails.NONE);
    }

    /**
     * Reads a tool definition with its output schema, {@code _meta} and icons.
     *
     * @throws IllegalArgumentException when the description, title or a schema is larger than allowed
     */
    static UpstreamTool of(String upstreamName, String localName, String description, Map<String, Object> schema,
                           String title, ToolAnnotations annotations, ToolDetails details) {
        String text = description == null ? "" : description;
        if (utf8Length(text) > MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("description larger than " + MAX_DESCRIPTION_BYTES + " bytes");
        }
        String schemaJson = schema == null || schema.isEmpty() ? EMPTY_OBJECT_SCHEMA : Json.canonical(schema);
        if (utf8Length(schemaJson) > MAX_SCHEMA_BYTES) {
            throw new IllegalArgumentException("input schema larger than " + MAX_SCHEMA_BYTES + " bytes");
        }
        if (title != null && title.length() > ToolAnnotations.MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("title longer than " + ToolAnnotations.MAX_TITLE_CHARS + " characters");
        }
        if (details.outputSchema() != null && utf8Length(details.outputSchema()) > MAX_SCHEMA_BYTES) {
            throw new IllegalArgumentException("output schema larger than " + MAX_SCHEMA_BYTES + " bytes");
        }
        return new UpstreamTool(upstreamName, localName, text, schemaJson,
                annotations == null ? null : annotations.readOnlyHint(), title, annotations, details);
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Hex SHA-256 of the canonical JSON of the pinned fields. */
    String hash() {
        Map<String, Object> pinned = new LinkedHashMap<>();
        pinned.put("name", upstreamName);
        pinned.put("description", description);
        pinned.put("inputSchema", Json.readObject(inputSchema));
        pinned.put("readOnlyHint", readOnlyHint);
        if (title != null) {
            pinned.put("title", title);
        }
        if (annotations != null && !annotations.equals(new ToolAnnotations(null, readOnlyHint, null, null, null))) {
            Map<String, Object> hints = new LinkedHashMap<>();
            hints.put("title", annotations.title());
            hints.put("destructiveHint", annotations.destructiveHint());
            hints.put("idempotentHint", annotations.idempotentHint());
            hints.put("openWorldHint", annotations.openWorldHint());
            pinned.put("annotations", hints);
        }
        if (details.outputSchema() != null) {
            pinned.put("outputSchema", Json.readObject(details.outputSchema()));
        }
        if (details.meta() != null) {
            pinned.put("_meta", Json.readObject(details.meta()));
        }
        if (details.icons() != null) {
            // Canonical JSON text of the icons array, as read; hashed as text to keep it exactly.
            pinned.put("icons", details.icons());
        }
        if (details.execution() != null) {
            pinned.put("execution", details.execution().wire());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(pinned).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The kind: configured for the upstream name (or the local name), else read when marked read-only, else write. */
    ToolKind kind(Map<String, ToolKind> configured) {
        ToolKind kind = configured.get(upstreamName);
        if (kind == null) {
            kind = configured.get(localName);
        }
        if (kind != null) {
            return kind;
        }
        return Boolean.TRUE.equals(readOnlyHint) ? ToolKind.READ : ToolKind.WRITE;
    }

    Tool toTool(String connector, Map<String, ToolKind> configuredKinds, Set<String> labels) {
        return new Tool(connector + "." + localName, description, inputSchema, kind(configuredKinds), connector,
                labels, title, annotations, details);
    }
}
