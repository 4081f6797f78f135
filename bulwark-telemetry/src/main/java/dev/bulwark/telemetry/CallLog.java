package dev.bulwark.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON line per call, for log pipelines: when, which session and trace, who, which tool, how it ended, after how
 * long. It never holds argument values or output; the one free text, the refusal message, passes the audit redactor
 * first (it may quote what the agent sent).
 */
final class CallLog implements AutoCloseable {
    private static final int MAX_MESSAGE = 300;
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private final boolean owned;

    private CallLog(PrintStream out, boolean owned) {
        this.out = out;
        this.owned = owned;
    }

    /** Lines go to {@code file} (appended; created owner-only where the file system supports it), or to stdout. */
    static CallLog open(Path file) {
        if (file == null) {
            return new CallLog(System.out, false);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new CallLog(new PrintStream(stream, true, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the JSON call log " + file + ": " + e.getMessage(), e);
        }
    }

    /** For tests: lines go to {@code out}. */
    static CallLog to(PrintStream out) {
        return new CallLog(out, false);
    }

    void write(Conclusion conclusion, Redactor redactor, String traceId, String spanId, long nanos,
               Set<String> findings) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", conclusion.completed() ? "INFO" : "WARN");
        line.put("logger", "bulwark.call");
        line.put("message", "tool call");
        line.put("callId", conclusion.call().callId());
        line.put("sessionId", conclusion.call().request().sessionId());
        if (traceId != null) {
            line.put("traceId", traceId);
        }
        if (spanId != null) {
            line.put("spanId", spanId);
        }
        Principal principal = conclusion.call().principal().orElse(null);
        if (principal != null) {
            line.put("agentId", principal.agent().id());
            if (principal.userIdOrNull() != null) {
                line.put("userId", principal.userIdOrNull());
            }
        }
        line.put("tool", CallFacts.tool(conclusion));
        line.put("effect", CallFacts.effect(conclusion));
        line.put("policyIds", CallFacts.policyIds(conclusion));
        line.put("latencyMicros", nanos / 1_000);
        if (!findings.isEmpty()) {
            line.put("findings", List.copyOf(new TreeSet<>(findings)));
        }
        if (conclusion.outcome() instanceof CallOutcome.Refused refused) {
            line.put("error", redacted(redactor, refused.message()));
        }
        try {
            String text = json.writeValueAsString(line);
            synchronized (out) {
                out.println(text);
            }
        } catch (JsonProcessingException e) {
            // a line that cannot be written is dropped; the audit log holds the call
        }
    }

    private static String redacted(Redactor redactor, String message) {
        String cut = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        try {
            Object value = redactor.redact(Map.of("text", cut)).get("text");
            return value instanceof String s ? s : "[unrecordable]";
        } catch (RuntimeException e) {
            return "[unrecordable]";
        }
    }

    @Override
    public void close() {
        if (owned) {
            out.close();
        }
    }
}
