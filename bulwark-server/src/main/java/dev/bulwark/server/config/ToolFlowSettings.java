package dev.bulwark.server.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The flow configuration of the tools one name or glob matches.
 *
 * @param tool          a tool name or a glob ({@code *} matches any run of characters, e.g. {@code mail.*})
 * @param sinks         the arguments that choose where data goes or what is written: names ({@code recipient}), JSON
 *                      pointers ({@code /payment/iban}: the whole top-level argument {@code payment} becomes a sink,
 *                      which over-approximates on the safe side) or {@code *} for every argument
 * @param trustedOutput whether only the user or the service itself writes what the tool returns (default false:
 *                      output is untrusted unless configured trusted)
 * @param output        {@code text} (default: documents, pages, messages; every value in it is a mention) or
 *                      {@code records} (a JSON or YAML list or object whose short fields the service sets, such as a
 *                      list of transactions or channel members: a short value standing alone in it is a field,
 *                      {@code untrusted_field} in {@code context.flow}, and prose in it is still text)
 */
public record ToolFlowSettings(String tool, List<String> sinks, Boolean trustedOutput, String output) {
    static final int MAX_NAME = 200;

    public ToolFlowSettings(String tool, List<String> sinks, Boolean trustedOutput) {
        this(tool, sinks, trustedOutput, null);
    }

    public ToolFlowSettings {
        if (tool == null || tool.isBlank() || tool.length() > MAX_NAME || !tool.strip().equals(tool)) {
            throw new IllegalArgumentException("flow.tools: 'tool' must be a tool name or glob of at most "
                    + MAX_NAME + " characters without surrounding spaces");
        }
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        for (String sink : sinks) {
            argumentOf(sink); // validates
        }
        trustedOutput = trustedOutput != null && trustedOutput;
        output = output == null ? "text" : output;
        if (!output.equals("text") && !output.equals("records")) {
            throw new IllegalArgumentException("flow.tools: 'output' of " + tool + " must be text or records, not '"
                    + output + "'");
        }
    }

    /** Whether the tool returns records ({@code output: records}). */
    public boolean records() {
        return output.equals("records");
    }

    /** The top-level argument names the sinks refer to ({@code *} stays {@code *}). */
    public Set<String> sinkArguments() {
        Set<String> out = new LinkedHashSet<>();
        sinks.forEach(s -> out.add(argumentOf(s)));
        return out;
    }

    boolean matches(String toolName) {
        return glob(tool, 0, toolName, 0);
    }

    /** Iterative-enough glob on short patterns: {@code *} only; no other character is special. */
    private static boolean glob(String pattern, int p, String name, int n) {
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static String argumentOf(String sink) {
        if (sink == null || sink.isBlank() || sink.length() > MAX_NAME) {
            throw new IllegalArgumentException("flow.tools: a sink must be an argument name, a JSON pointer or '*'"
                    + " of at most " + MAX_NAME + " characters");
        }
        if (!sink.startsWith("/")) {
            return sink;
        }
        int end = sink.indexOf('/', 1);
        String first = end < 0 ? sink.substring(1) : sink.substring(1, end);
        for (int i = 0; i < first.length(); i++) {
            if (first.charAt(i) == '~' && (i + 1 >= first.length() || "01".indexOf(first.charAt(i + 1)) < 0)) {
                throw new IllegalArgumentException("flow.tools: invalid JSON pointer '" + sink
                        + "' ('~' must be followed by 0 or 1)");
            }
        }
        if (first.isEmpty()) {
            throw new IllegalArgumentException("flow.tools: JSON pointer '" + sink + "' names no argument");
        }
        return first.replace("~1", "/").replace("~0", "~");
    }
}
