package dev.bulwark.engine.screening;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource links of a result, shown to a guard field by field instead of as the JSON text the connector made of
 * them, so that a link keeps its shape when a guard rewrites it: a framing guard marks its name, title and
 * description; a guard that judges content also reads its URI and MIME type. A link whose URI a guard would change
 * loses its shape and arrives as the JSON text of its screened fields.
 */
final class LinkFields {
    /** A link's block after screening: its text, and the link to deliver it as, or {@code null} for plain text. */
    record Rebuilt(Content.Text text, ContentOrigin.Link link) {}

    private record Entry(int index, ContentOrigin.Link link) {}

    private final List<Entry> entries = new ArrayList<>();
    private final boolean judges;

    LinkFields(ToolResult result, boolean judges) {
        this.judges = judges;
        for (int i = 0; i < result.content().size(); i++) {
            if (result.origins().get(i) instanceof ContentOrigin.Link link) {
                entries.add(new Entry(i, link));
            }
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean contains(int index) {
        return entries.stream().anyMatch(e -> e.index == index);
    }

    /** The fields to show a guard, link by link. */
    List<Content> texts() {
        List<Content> texts = new ArrayList<>();
        entries.forEach(e -> fields(e.link).forEach(f -> texts.add(new Content.Text(f))));
        return texts;
    }

    /**
     * The links' blocks as a guard left {@link #texts()} (read from {@code out} at {@code from}), by block index;
     * {@code null} when the guard turned a field into something other than text.
     */
    Map<Integer, Rebuilt> screened(List<Content> out, int from) {
        Map<Integer, Rebuilt> rebuilt = new LinkedHashMap<>();
        int at = from;
        for (Entry entry : entries) {
            List<String> before = fields(entry.link);
            List<String> after = new ArrayList<>(before.size());
            for (int i = 0; i < before.size(); i++) {
                if (!(out.get(at++) instanceof Content.Text text)) {
                    return null;
                }
                after.add(text.text());
            }
            rebuilt.put(entry.index, rebuild(entry.link, before, after));
        }
        return rebuilt;
    }

    /** Whether any field changed. */
    boolean changed(Map<Integer, Rebuilt> rebuilt) {
        return entries.stream().anyMatch(e -> !e.link.equals(rebuilt.get(e.index).link()));
    }

    private Rebuilt rebuild(ContentOrigin.Link link, List<String> before, List<String> after) {
        int i = 0;
        String uri = judges ? after.get(i++) : link.uri();
        String name = after.get(i++);
        String title = link.title() == null ? null : after.get(i++);
        String description = link.description() == null ? null : after.get(i++);
        String mimeType = judges && link.mimeType() != null ? after.get(i) : link.mimeType();
        boolean uriKept = uri.equals(link.uri()) && java.util.Objects.equals(mimeType, link.mimeType());
        String json = json(uri, name, title, link.size(), mimeType, description);
        // a URI a guard changed is not a place to link to: the screened fields arrive as text
        return new Rebuilt(new Content.Text(json), uriKept
                ? new ContentOrigin.Link(uri, name, title, description, mimeType, link.size()) : null);
    }

    /** The shown fields in order: URI (judging), name, title, description, MIME type (judging). */
    private List<String> fields(ContentOrigin.Link link) {
        List<String> fields = new ArrayList<>();
        if (judges) {
            fields.add(link.uri());
        }
        fields.add(link.name());
        if (link.title() != null) {
            fields.add(link.title());
        }
        if (link.description() != null) {
            fields.add(link.description());
        }
        if (judges && link.mimeType() != null) {
            fields.add(link.mimeType());
        }
        return fields;
    }

    /** The link's fields as JSON text in the connector's order. */
    private static String json(String uri, String name, String title, Long size, String mimeType,
                               String description) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "resource_link");
        node.put("uri", uri);
        node.put("name", name);
        if (title != null) {
            node.put("title", title);
        }
        if (size != null) {
            node.put("size", size);
        }
        if (mimeType != null) {
            node.put("mimeType", mimeType);
        }
        if (description != null) {
            node.put("description", description);
        }
        return node.toString();
    }
}
