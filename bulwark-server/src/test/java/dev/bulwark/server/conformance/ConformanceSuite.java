package dev.bulwark.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The installed conformance suite (see {@code scripts/conformance.sh}): its CLI run against a URL, and its results
 * read back from the {@code checks.json} files it writes per scenario.
 */
final class ConformanceSuite {
    static final Path SCRIPT = Path.of("../scripts/conformance.sh");
    private static final Pattern SCENARIO_DIR = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");
    private static final Pattern LISTED = Pattern.compile("\\s+-\\s+([a-z0-9][a-z0-9-]*)\\b.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private ConformanceSuite(Path dir) {
        this.dir = dir;
    }

    /**
     * The suite installed for the checked-in pins, or why it cannot be used here (node missing, not installed).
     */
    static Result<ConformanceSuite> installed() {
        if (!Processes.works("node", "--version")) {
            return Result.missing("node is not on the PATH");
        }
        Processes.Output path;
        try {
            path = Processes.run(Path.of("."), Map.of(), 30, "bash", SCRIPT.toString(), "path");
        } catch (IOException e) {
            return Result.missing("cannot run " + SCRIPT + ": " + e.getMessage());
        }
        Path dir = Path.of(path.text().strip());
        if (path.exit() != 0 || !Files.isRegularFile(dir.resolve(".installed"))) {
            return Result.missing("the pinned conformance suite is not installed at " + dir
                    + "; run scripts/conformance.sh install");
        }
        return new Result<>(Optional.of(new ConformanceSuite(dir)), "");
    }

    /** A value, or the reason there is none. */
    record Result<T>(Optional<T> value, String reason) {
        static <T> Result<T> missing(String reason) {
            return new Result<>(Optional.empty(), reason);
        }
    }

    Path dir() {
        return dir;
    }

    Path cli() {
        return dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    }

    /** The names of all server scenarios of the pinned suite, as its {@code list} command prints them. */
    Set<String> serverScenarios() throws IOException {
        Processes.Output out = Processes.run(dir, Map.of(), 60, "node", cli().toString(), "list");
        if (out.exit() != 0) {
            throw new IllegalStateException("conformance list failed: " + out.text());
        }
        Set<String> names = new LinkedHashSet<>();
        boolean inServer = false;
        for (String line : out.text().lines().toList()) {
            if (line.startsWith("Server scenarios")) {
                inServer = true;
            } else if (!line.startsWith(" ") && !line.isBlank()) {
                inServer = false;
            } else if (inServer) {
                Matcher m = LISTED.matcher(line);
                if (m.matches()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * Runs every server scenario ({@code --suite all}) against {@code url}; results by scenario. A scenario that wrote
     * no result (crash, or the whole run timed out) is absent.
     */
    Map<String, ScenarioResult> runServerScenarios(String url, Path out, Map<String, String> env, int timeoutSeconds)
            throws IOException {
        Processes.Output run = Processes.run(dir, env, timeoutSeconds, "node", cli().toString(), "server",
                "--url", url, "--suite", "all", "-o", out.toString());
        Files.writeString(out.resolve("cli-output.txt"), run.text());
        return read(out);
    }

    static Map<String, ScenarioResult> read(Path out) throws IOException {
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        List<Path> dirs;
        try (Stream<Path> listed = Files.list(out)) {
            dirs = listed.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : dirs) {
            Matcher m = SCENARIO_DIR.matcher(d.getFileName().toString());
            Path checks = d.resolve("checks.json");
            if (!m.matches() || !Files.isRegularFile(checks)) {
                continue;
            }
            int passed = 0;
            int failed = 0;
            int warnings = 0;
            for (JsonNode check : JSON.readTree(checks.toFile())) {
                switch (check.path("status").asText()) {
                    case "SUCCESS" -> passed++;
                    case "FAILURE" -> failed++;
                    case "WARNING" -> warnings++;
                    default -> { }
                }
            }
            results.put(m.group(1), new ScenarioResult(m.group(1), true, passed, failed, warnings));
        }
        return results;
    }

    /** The first failure messages of a scenario, for the report. */
    static List<String> failureMessages(Path out, String scenario) throws IOException {
        List<String> messages = new ArrayList<>();
        try (Stream<Path> listed = Files.list(out)) {
            for (Path d : listed.filter(p -> p.getFileName().toString().startsWith("server-" + scenario + "-"))
                    .toList()) {
                Path checks = d.resolve("checks.json");
                if (Files.isRegularFile(checks)) {
                    for (JsonNode check : JSON.readTree(checks.toFile())) {
                        if ("FAILURE".equals(check.path("status").asText())) {
                            String message = check.path("errorMessage").asText(check.path("description").asText());
                            messages.add(message.length() > 200 ? message.substring(0, 200) + "…" : message);
                        }
                    }
                }
            }
        }
        return messages;
    }
}
