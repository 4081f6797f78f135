package dev.bulwark.sandbox;

import dev.bulwark.spi.tool.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arguments of one {@code run} call, checked again here (the schema was checked by the pipeline). */
record Request(List<String> program, Map<String, byte[]> inputs, List<String> outputs) {

    static Request of(Map<String, Object> arguments, SandboxOptions options) throws ConnectorException {
        Object languageName = arguments.getOrDefault("language", options.languages().get(0).name());
        Language language = options.languages().stream().filter(l -> l.name().equals(languageName)).findFirst()
                .orElseThrow(() -> new ConnectorException("unknown language: " + languageName));
        if (!(arguments.get("code") instanceof String code) || code.isEmpty()) {
            throw new ConnectorException("code must be a non-empty string");
        }
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        if (arguments.get("files") instanceof Map<?, ?> files) {
            if (files.size() > CodeRunTool.MAX_FILES) {
                throw new ConnectorException("at most " + CodeRunTool.MAX_FILES + " files");
            }
            for (Map.Entry<?, ?> e : files.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof String text)) {
                    throw new ConnectorException("files maps names to text");
                }
                inputs.put(checked(name), text.getBytes(StandardCharsets.UTF_8));
            }
        } else if (arguments.containsKey("files")) {
            throw new ConnectorException("files must be an object");
        }
        if (inputs.containsKey(language.file())) {
            throw new ConnectorException("the file name " + language.file() + " is taken by the code");
        }
        inputs.put(language.file(), code.getBytes(StandardCharsets.UTF_8));
        long total = inputs.values().stream().mapToLong(b -> b.length).sum();
        if (total > options.limits().inputBytes()) {
            throw new ConnectorException("code and files exceed " + options.limits().inputBytes() + " bytes");
        }
        List<String> outputs = new ArrayList<>();
        if (arguments.get("outputs") instanceof List<?> list) {
            if (list.size() > CodeRunTool.MAX_FILES) {
                throw new ConnectorException("at most " + CodeRunTool.MAX_FILES + " outputs");
            }
            for (Object o : list) {
                if (!(o instanceof String name)) {
                    throw new ConnectorException("outputs lists file names");
                }
                if (!outputs.contains(checked(name))) {
                    outputs.add(name);
                }
            }
        } else if (arguments.containsKey("outputs")) {
            throw new ConnectorException("outputs must be a list");
        }
        List<String> program = new ArrayList<>(language.command());
        program.add(language.file());
        return new Request(program, inputs, outputs);
    }

    private static String checked(String name) throws ConnectorException {
        if (!Language.Files.NAME.matcher(name).matches()) {
            throw new ConnectorException("file names must match " + Language.Files.NAME.pattern() + ": " + name);
        }
        return name;
    }
}
