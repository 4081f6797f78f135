package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;

/**
 * What MCP block a piece of {@link Content} was read from, when it was not plain text or binary content. Guards read
 * the content itself (a resource's text or bytes, a link's fields as JSON text); the origin only lets an unchanged
 * result be delivered in its original shape (see {@link ToolResult#origins()}).
 */
public sealed interface ContentOrigin permits ContentOrigin.Embedded, ContentOrigin.Link {

    /**
     * An embedded resource; its text or bytes are the content.
     *
     * @param uri      the resource's URI
     * @param mimeType its MIME type, or {@code null} when none was given
     */
    record Embedded(String uri, String mimeType) implements ContentOrigin {
        public Embedded {
            Checks.nonBlank(uri, "uri");
        }
    }

    /**
     * A link to a resource; the content is these fields as JSON text, which is what guards screened.
     *
     * @param uri  the resource's URI
     * @param name its name
     * @param title, description, mimeType, size optional ({@code null} when not given)
     */
    record Link(String uri, String name, String title, String description, String mimeType, Long size)
            implements ContentOrigin {
        public Link {
            Checks.nonBlank(uri, "uri");
            Checks.present(name, "name");
            if (size != null && size < 0) {
                throw new IllegalArgumentException("size must not be negative");
            }
        }
    }
}
