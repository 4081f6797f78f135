package dev.bulwark.sandbox;

import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offers {@code <name>.run} when the start-up probe found the isolation working, and no tool at all otherwise: code
 * is never run outside the sandbox. Its output is labelled by the options ({@code untrusted} by default) and goes
 * through the gateway's output guards like any tool output.
 */
public final class SandboxConnector implements Connector {
    private final SandboxOptions options;
    private final Bubblewrap sandbox;
    private final Isolation isolation;
    private final Tool tool;
    private final SessionWorkDirs sessions;

    SandboxConnector(SandboxOptions options, Bubblewrap sandbox, Isolation isolation, Clock clock) {
        this.options = options;
        this.sandbox = sandbox;
        this.isolation = isolation;
        this.tool = CodeRunTool.of(options);
        this.sessions = new SessionWorkDirs(options.sessionIdle(), options.limits().workBytes(), clock);
    }

    /** Prepares the sandbox and probes it; the connector offers its tool only when the probe passed. */
    public static SandboxConnector open(SandboxOptions options, Clock clock) {
        Bubblewrap sandbox;
        try {
            sandbox = Bubblewrap.prepare(options);
        } catch (IOException | RuntimeException e) {
            return new SandboxConnector(options, null, Isolation.disabled("cannot prepare the sandbox: " + e), clock);
        }
        return new SandboxConnector(options, sandbox, IsolationProbe.check(sandbox), clock);
    }

    /** What the probe found: say it at start-up. */
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public String name() {
        return options.connector();
    }

    @Override
    public List<Tool> tools() {
        return isolation.ready() ? List.of(tool) : List.of();
    }

    @Override
    public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
        if (!isolation.ready() || !call.tool().name().equals(tool.name())) {
            throw new ConnectorException(isolation.ready() ? "unknown tool " + call.tool().name()
                    : isolation.summary());
        }
        Request request = Request.of(call.arguments(), options);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        try {
            if (options.perSession()) {
                return sessions.with(call.sessionId(), kept -> {
                    inputs.putAll(kept);
                    inputs.putAll(request.inputs());
                    Execution run = sandbox.run(request.program(), inputs, request.outputs(), true);
                    return new SessionWorkDirs.Outcome<>(run.workDir(), result(run));
                });
            }
            return result(sandbox.run(request.program(), request.inputs(), request.outputs(), false));
        } catch (SandboxException e) {
            throw new ConnectorException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted");
        }
    }

    private static ToolResult result(Execution run) {
        List<Content> content = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        head.append(run.timedOut() ? "timed out (killed) after " : "exit " + run.exitCode() + " after ")
                .append(run.millis()).append(" ms");
        if (run.exitCode() == 124) {
            head.append("; the wall-time limit ended the program");
        } else if (run.exitCode() > 128 && run.exitCode() < 160) {
            head.append("; ended by signal ").append(run.exitCode() - 128);
        }
        for (String name : run.missing()) {
            head.append("\nmissing output file: ").append(name);
        }
        content.add(new Content.Text(head.toString()));
        content.add(new Content.Text(section("stdout", run.stdout())));
        content.add(new Content.Text(section("stderr", run.stderr())));
        run.files().forEach((name, out) -> content.add(new Content.Text(section("file " + name, out))));
        return new ToolResult(content, run.timedOut() || run.exitCode() != 0);
    }

    private static String section(String title, Execution.Output out) {
        String text = new String(out.bytes(), StandardCharsets.UTF_8);
        return title + (out.cut() ? " (first " + out.bytes().length + " of " + out.total() + " bytes)" : "")
                + ":\n" + text;
    }

    @Override
    public void close() {
        sessions.clear();
    }
}
