package dev.bulwark.server.config;

import java.util.regex.Pattern;

/**
 * The document store and its retrieval connector.
 *
 * @param enabled          whether documents can be ingested and searched (default true)
 * @param name             connector name; its tool is {@code <name>.search} (default {@code docs})
 * @param missingAcl       {@code owner-only} (default): a document without ACL is readable by its owner only;
 *                         {@code reject}: such documents are refused at ingestion
 * @param maxDocumentBytes largest accepted document (default 10 MiB)
 */
public record DocumentsSettings(Boolean enabled, String name, String missingAcl, Integer maxDocumentBytes) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public DocumentsSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        name = name == null ? "docs" : name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("documents.name must match " + NAME.pattern());
        }
        missingAcl = missingAcl == null ? "owner-only" : missingAcl;
        if (!missingAcl.equals("owner-only") && !missingAcl.equals("reject")) {
            throw new IllegalArgumentException("documents.missingAcl must be owner-only or reject");
        }
        maxDocumentBytes = maxDocumentBytes == null ? 10 * 1024 * 1024 : maxDocumentBytes;
        if (maxDocumentBytes < 1024 || maxDocumentBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException("documents.maxDocumentBytes must be between 1024 and 268435456");
        }
    }

    public boolean on() {
        return enabled;
    }
}
