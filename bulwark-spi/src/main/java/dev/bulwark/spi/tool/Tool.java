package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One action a connector offers to agents.
 *
 * @param name         the namespaced name {@code connector.tool}, by which policies, pins and the audit log know it:
 *                     the connector's name (no dot), a dot, and the name inside the connector, which for upstream MCP
 *                     tools is the upstream's own name in MCP's full tool-name grammar (1–128 of
 *                     {@code [A-Za-z0-9_.-/]}, so it may contain dots and slashes). Splitting at the first dot is
 *                     therefore unambiguous. Agents may see it under another name: see {@link Connector#toolPrefix()}
 * @param description  shown to the model; treated as data, never as instructions to Bulwark
 * @param inputSchema  JSON Schema of the arguments, as JSON text (an object schema)
 * @param kind         read / write / egress / execute
 * @param connector    the name of the connector that executes it
 * @param outputLabels labels the tool's output carries (e.g. {@code pii}, {@code untrusted})
 * @param title        a human-readable title, or {@code null} when the tool has none; passed on as given
 * @param annotations  the author's hints, passed on to agents exactly as given, or {@code null} when it gave none
 *                     (then none are advertised: an absent hint is never invented)
 * @param details      output schema, {@code _meta}, icons and execution as the author gave them
 *                     ({@link ToolDetails#NONE} when none; {@code null} is read as none)
 */
public record Tool(String name, String description, String inputSchema, ToolKind kind, String connector,
                   Set<String> outputLabels, String title, ToolAnnotations annotations, ToolDetails details) {
    /** A connector's name: no dot, so the first dot of a tool name ends it. */
    public static final Pattern CONNECTOR_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The name of a tool inside its connector: MCP's tool-name grammar (2025-11-25), 1–128 characters. */
    public static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");
    private static final Pattern NAME = Pattern.compile(CONNECTOR_NAME.pattern() + "\\." + LOCAL_NAME.pattern());

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
        if (!CONNECTOR_NAME.matcher(connector).matches()) {
            throw new IllegalArgumentException("connector name must match " + CONNECTOR_NAME.pattern() + ": "
                    + connector);
        }
        if (!name.startsWith(connector + ".")) {
            throw new IllegalArgumentException("tool " + name + " must be namespaced by its connector " + connector);
        }
        outputLabels = Set.copyOf(Checks.present(outputLabels, "outputLabels"));
        if (title != null && title.length() > ToolAnnotations.MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("title longer than " + ToolAnnotations.MAX_TITLE_CHARS + " characters");
        }
        details = details == null ? ToolDetails.NONE : details;
    }

    /** A tool with a title and annotations but no output schema, {@code _meta} or icons. */
    public Tool(String name, String description, String inputSchema, ToolKind kind, String connector,
                Set<String> outputLabels, String title, ToolAnnotations annotations) {
        this(name, description, inputSchema, kind, connector, outputLabels, title, annotations, ToolDetails.NONE);
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

    /** Whether {@code name} is a well-formed namespaced tool name (it need not exist). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name inside its connector, without the connector prefix. */
    public String localName() {
        return name.substring(connector.length() + 1);
    }
}
