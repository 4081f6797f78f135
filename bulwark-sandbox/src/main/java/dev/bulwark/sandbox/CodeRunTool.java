package dev.bulwark.sandbox;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.stream.Collectors;

/** The {@code <connector>.run} tool: its description (which states the limits in force) and argument schema. */
final class CodeRunTool {
    static final int MAX_FILES = 16;

    private CodeRunTool() {}

    static Tool of(SandboxOptions o) {
        String languages = o.languages().stream().map(l -> "\"" + l.name() + "\"").collect(Collectors.joining(", "));
        String pattern = "^" + Language.Files.NAME.pattern() + "$";
        String schema = """
                {"type": "object", "additionalProperties": false, "required": ["code"], "properties": {
                  "language": {"type": "string", "enum": [%s], "default": "%s"},
                  "code": {"type": "string", "minLength": 1, "maxLength": %d},
                  "files": {"type": "object", "maxProperties": %d, "propertyNames": {"pattern": "%s"},
                            "additionalProperties": {"type": "string", "maxLength": %d},
                            "description": "input files (name to text) placed in the work directory"},
                  "outputs": {"type": "array", "maxItems": %d, "uniqueItems": true,
                              "items": {"type": "string", "pattern": "%s"},
                              "description": "names of files in the work directory to return after the run"}
                }}""".formatted(languages, o.languages().get(0).name(), o.limits().inputBytes(), MAX_FILES,
                pattern.replace("\\", "\\\\"), o.limits().inputBytes(), MAX_FILES, pattern.replace("\\", "\\\\"));
        String description = "Run code (" + o.languages().stream().map(Language::name)
                .collect(Collectors.joining(", ")) + ") in an isolated sandbox with no network. The code and the "
                + "input files are placed in the work directory /work (the current directory), which "
                + (o.perSession() ? "is kept for later calls of the same session" : "starts empty on every call")
                + ". Returns the exit status, stdout, stderr and the files named in 'outputs'. Limits (rlimits per process "
                + "and a wall-time kill; no cgroups): " + o.limits().describe() + ".";
        return new Tool(o.connector() + ".run", description, schema, ToolKind.EXECUTE, o.connector(),
                o.outputLabels());
    }
}
