package dev.bulwark.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Tool outputs from recorded AgentDojo runs ({@code traces/<suite>.jsonl.gz}): per suite, the distinct tool results
 * that carry injected text (attack runs; the run's {@code injections} values appear inside the result) and the
 * distinct tool results of benign runs ({@code attack_type == none}).
 */
record AgentDojoCorpus(Map<String, Suite> suites) {

    /**
     * @param toolNames the suite's tools as a gateway would name them ({@code <suite>.<tool>}), from {@code tools.json}
     *                  beside the traces directory (empty when there is none)
     */
    record Suite(String name, List<String> injected, List<String> benign, List<String> toolNames) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The development split bundled in the test resources. */
    static AgentDojoCorpus bundled() {
        try {
            return load(Path.of(AgentDojoCorpus.class.getResource("/agentdojo/traces").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static AgentDojoCorpus load(Path tracesDirectory) {
        Map<String, Suite> suites = new TreeMap<>();
        try (Stream<Path> files = Files.list(tracesDirectory)) {
            Path toolsFile = tracesDirectory.toAbsolutePath().getParent().resolve("tools.json");
            JsonNode tools = Files.exists(toolsFile) ? JSON.readTree(toolsFile.toFile()) : JSON.createObjectNode();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".jsonl.gz", "");
                List<String> toolNames = new ArrayList<>();
                tools.path(name).fieldNames().forEachRemaining(t -> toolNames.add(name + "." + t));
                suites.put(name, suite(name, file, List.copyOf(toolNames)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AgentDojoCorpus(suites);
    }

    private static Suite suite(String name, Path file, List<String> toolNames) throws IOException {
        Set<String> injected = new LinkedHashSet<>();
        Set<String> benign = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode run = JSON.readTree(line);
                boolean attack = !"none".equals(run.path("attack_type").asText("none"));
                List<String> injections = new ArrayList<>();
                for (Iterator<JsonNode> it = run.path("injections").elements(); it.hasNext(); ) {
                    String value = it.next().asText("");
                    if (!value.isBlank()) {
                        injections.add(value);
                    }
                }
                for (JsonNode message : run.path("messages")) {
                    if (!"tool".equals(message.path("role").asText())) {
                        continue;
                    }
                    String text = text(message.path("content"));
                    if (!attack) {
                        benign.add(text);
                    } else if (injections.stream().anyMatch(text::contains)) {
                        injected.add(text);
                    }
                }
            }
        }
        return new Suite(name, List.copyOf(injected), List.copyOf(benign), toolNames);
    }

    /** Tool content is a string in older runs and a list of typed parts in newer ones. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode value = part.has("content") ? part.get("content") : part.path("text");
            if (value.isTextual()) {
                out.append(value.asText());
            }
        }
        return out.toString();
    }
}
