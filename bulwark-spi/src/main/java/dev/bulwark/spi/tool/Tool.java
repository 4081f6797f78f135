package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One action a connector offers to agents.
 *
 * @param name         the name agents call it by, namespaced {@code connector.tool}
 * @param description  shown to the model; treated as data, never as instructions to Bulwark
 * @param inputSchema  JSON Schema of the arguments, as JSON text (an object schema)
 * @param kind         read / write / egress / execute
 * @param connector    the name of the connector that executes it
 * @param outputLabels labels the tool's output carries (e.g. {@code pii}, {@code untrusted})
 * @param title        a human-readable title, or {@code null} when the tool has none; passed on as given
 * @param annotations  the author's hints, passed on to agents exactly as given, or {@code null} when it gave none
 *                     (then none are advertised: an absent hint is never invented)
 */
public record Tool(String name, String description, String inputSchema, ToolKind kind, String connector,
                   Set<String> outputLabels, String title, ToolAnnotations annotations) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){1,3}");

    public Tool {
        Checks.present(name, "tool name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be namespaced like 'connector.tool' and match "
                    + NAME.pattern() + ": " + name);
        }
        Checks.present(description, "description");
        Checks.nonBlank(inputSchema, "inputSchema");
        Checks.present(kind, "kind");
        Checks.nonBlank(connector, "connector");
        if (!name.startsWith(connector + ".")) {
            throw new IllegalArgumentException("tool " + name + " must be namespaced by its connector " + connector);
        }
        outputLabels = Set.copyOf(Checks.present(outputLabels, "outputLabels"));
        if (title != null && title.length() > ToolAnnotations.MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("title longer than " + ToolAnnotations.MAX_TITLE_CHARS + " characters");
        }
    }

    /**
     * A tool Bulwark itself defines: no title, and the only hint is {@code readOnlyHint}, which Bulwark knows from the
     * kind it assigned.
     */
    public Tool(String name, String description, String inputSchema, ToolKind kind, String connector,
                Set<String> outputLabels) {
        this(name, description, inputSchema, kind, connector, outputLabels, null,
                ToolAnnotations.readOnly(kind == ToolKind.READ));
    }

    /** The name inside its connector, without the connector prefix. */
    public String localName() {
        return name.substring(connector.length() + 1);
    }
}
