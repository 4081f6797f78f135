package dev.bulwark.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a directory in the AgentDojo format: {@code tools.json} (per suite, tool name to description and params),
 * {@code injection_tasks.json} (per suite, attacker goal id to its calls) and {@code traces/<suite>.jsonl[.gz]} (one
 * recorded run per line).
 */
public final class ReplayCorpus {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final JsonNode tools;
    private final JsonNode goals;

    public ReplayCorpus(Path dir) throws IOException {
        this.dir = dir;
        this.tools = JSON.readTree(dir.resolve("tools.json").toFile());
        Path goalFile = dir.resolve("injection_tasks.json");
        this.goals = Files.exists(goalFile) ? JSON.readTree(goalFile.toFile()) : JSON.createObjectNode();
        if (!tools.isObject()) {
            throw new IOException(dir.resolve("tools.json") + ": not a JSON object of suites");
        }
    }

    /** The suites named in tools.json. */
    public List<String> suites() {
        List<String> out = new ArrayList<>();
        tools.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The suite's tools: name to {description, params}. */
    public JsonNode tools(String suite) {
        return tools.path(suite);
    }

    /** One recorded tool call and the result recorded for it ({@code ""} when the recording has none). */
    public record Call(String tool, JsonNode args, String result) {}

    /** A later user message: said before the recorded call at index {@code beforeCall} (0-based) was made. */
    public record Turn(int beforeCall, String text) {}

    /**
     * One recorded run.
     *
     * @param line      its line number in the trace file (1-based), for deterministic subsets and reports
     * @param intent    the first user message: the user's task
     * @param turns     the later user messages that say something not said before (a message repeating an earlier
     *                  one is not a new turn), in order
     * @param goalCalls the attacker goal's calls (empty array for benign runs)
     * @param injections the texts the attack placed in the environment ({@code injections}; empty when not recorded)
     */
    public record Run(int line, String intent, List<Turn> turns, List<Call> calls, boolean benign, boolean utility,
                      boolean security, JsonNode goalCalls, List<String> injections) {
        /** Everything the user said in the run. */
        public String userText() {
            StringBuilder all = new StringBuilder(intent);
            turns.forEach(t -> all.append('\n').append(t.text()));
            return all.toString();
        }
    }

    /** Streams the suite's runs, in file order, to {@code sink}. */
    public void runs(String suite, Consumer<Run> sink) throws IOException {
        Path traces = dir.resolve("traces").resolve(suite + ".jsonl.gz");
        if (!Files.exists(traces)) {
            traces = dir.resolve("traces").resolve(suite + ".jsonl");
        }
        JsonNode suiteGoals = goals.path(suite);
        try (BufferedReader lines = reader(traces)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    sink.accept(run(number, JSON.readTree(line), suiteGoals));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static Run run(int line, JsonNode run, JsonNode suiteGoals) {
        boolean benign = "none".equals(run.path("attack_type").asText());
        String intent = "";
        List<Turn> turns = new ArrayList<>();
        java.util.Set<String> said = new java.util.HashSet<>();
        List<JsonNode> calls = new ArrayList<>();
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode m : run.path("messages")) {
            String role = m.path("role").asText();
            if (role.equals("user") && intent.isEmpty()) {
                intent = text(m.path("content"));
                said.add(intent);
            } else if (role.equals("user")) {
                String turn = text(m.path("content"));
                if (!turn.isBlank() && said.add(turn)) {
                    turns.add(new Turn(calls.size(), turn));
                }
            } else if (role.equals("assistant")) {
                m.path("tool_calls").forEach(calls::add);
            } else if (role.equals("tool")) {
                results.add(m);
            }
        }
        // each call gets the first unused recorded result of the same tool, in order
        boolean[] used = new boolean[results.size()];
        List<Call> out = new ArrayList<>(calls.size());
        for (JsonNode call : calls) {
            String fn = call.path("function").asText();
            String result = "";
            for (int i = 0; i < results.size(); i++) {
                if (!used[i] && fn.equals(results.get(i).path("tool_call").path("function").asText())) {
                    used[i] = true;
                    result = undelimited(text(results.get(i).path("content")));
                    break;
                }
            }
            JsonNode args = call.path("args").isObject() ? call.path("args") : JSON.createObjectNode();
            out.add(new Call(fn, args, result));
        }
        JsonNode goalCalls = benign ? JSON.createArrayNode()
                : suiteGoals.path(run.path("injection_task_id").asText()).path("calls");
        List<String> injections = new ArrayList<>();
        run.path("injections").forEach(text -> {
            if (text.isTextual() && !text.asText().isBlank()) {
                injections.add(text.asText());
            }
        });
        return new Run(line, intent, List.copyOf(turns), List.copyOf(out), benign, run.path("utility").asBoolean(),
                run.path("security").asBoolean(), goalCalls.isArray() ? goalCalls : JSON.createArrayNode(),
                List.copyOf(injections));
    }

    /**
     * A result as the tool returned it: AgentDojo's delimiting defence ({@code spotlighting_with_delimiting}) records
     * every tool result wrapped in {@code <<} and {@code >>}, which the recording pipeline added for its model, not the
     * tool. The gateway does its own framing.
     */
    static String undelimited(String result) {
        String trimmed = result.strip();
        return trimmed.startsWith("<<") && trimmed.endsWith(">>") && trimmed.length() >= 4
                ? trimmed.substring(2, trimmed.length() - 2) : result;
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isMissingNode() || content.isNull()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            b.append(part.path("content").asText(part.path("text").asText())).append('\n');
        }
        return b.toString();
    }

    private static BufferedReader reader(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return object::fields;
    }
}
