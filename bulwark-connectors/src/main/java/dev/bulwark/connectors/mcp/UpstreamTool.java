package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.Tool;
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
 * schema, and the read-only hint (it can decide the tool's kind, so flipping it is a change too).
 */
record UpstreamTool(String upstreamName, String localName, String description, String inputSchema,
                    Boolean readOnlyHint) {
    static final String EMPTY_OBJECT_SCHEMA = "{\"type\":\"object\"}";

    static UpstreamTool of(String upstreamName, String localName, String description, Map<String, Object> schema,
                           Boolean readOnlyHint) {
        String schemaJson = schema == null || schema.isEmpty() ? EMPTY_OBJECT_SCHEMA : Json.canonical(schema);
        return new UpstreamTool(upstreamName, localName, description == null ? "" : description, schemaJson,
                readOnlyHint);
    }

    /** Hex SHA-256 of the canonical JSON of the pinned fields. */
    String hash() {
        Map<String, Object> pinned = new LinkedHashMap<>();
        pinned.put("name", upstreamName);
        pinned.put("description", description);
        pinned.put("inputSchema", Json.readObject(inputSchema));
        pinned.put("readOnlyHint", readOnlyHint);
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
                labels);
    }
}
