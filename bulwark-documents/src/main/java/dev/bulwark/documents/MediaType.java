package dev.bulwark.documents;

import java.util.Locale;

/** The content types ingestion accepts; all are text and must be UTF-8. */
public enum MediaType {
    TEXT_PLAIN("text/plain"),
    TEXT_MARKDOWN("text/markdown"),
    TEXT_HTML("text/html");

    private final String mime;

    MediaType(String mime) {
        this.mime = mime;
    }

    public String mime() {
        return mime;
    }

    /** Parses a declared type such as {@code text/html; charset=utf-8}; a charset other than UTF-8 is refused. */
    public static MediaType fromHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("media type is missing (expected text/plain, text/markdown or text/html)");
        }
        String[] parts = header.split(";");
        String base = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new IllegalArgumentException("only UTF-8 documents are accepted, declared " + parameter);
            }
        }
        for (MediaType type : values()) {
            if (type.mime.equals(base)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported media type '" + base
                + "' (expected text/plain, text/markdown or text/html)");
    }
}
