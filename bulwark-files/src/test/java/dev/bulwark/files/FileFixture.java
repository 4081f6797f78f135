package dev.bulwark.files;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The directory tree of the hostile-path tests: a root with traps, and an outside that must stay unreached. */
final class FileFixture {
    static final String SECRET = "OUTSIDE-SECRET";
    private static final Principal PRINCIPAL = new Principal(new dev.bulwark.spi.identity.Agent("test-agent",
            "team-test", Set.of(), Map.of(), dev.bulwark.spi.identity.AgentStatus.ACTIVE, java.time.Instant.EPOCH),
            java.util.Optional.empty(), "token-1", Set.of(), java.time.Instant.now().plusSeconds(3600));
    final Path root;
    final Path outside;
    final Path readOnly;

    FileFixture(Path temp) throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        readOnly = Files.createDirectories(temp.resolve("ro"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("b.txt"), SECRET);
        Files.writeString(outside.resolve("hard-target.txt"), SECRET);
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("a/b.txt"), "inside");
        Files.createSymbolicLink(root.resolve("a/link-etc"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("link-out"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("proc-link"), Path.of("/proc/self/root"));
        Files.createSymbolicLink(root.resolve("abs-link"), outside.resolve("secret.txt"));
        Files.createLink(root.resolve("hard.txt"), outside.resolve("hard-target.txt"));
    }

    FilesConnector connector(Jail.Pause pause) throws IOException {
        return new FilesConnector("fs", List.of(new FileRoot("work", root, true, null),
                new FileRoot("ro", readOnly, false, Set.of("internal"))), new FileLimits(1024, 1024, 100), pause);
    }

    /** The outside directory's files and contents, to show nothing there changed. */
    Map<String, String> outsideState() throws IOException {
        Map<String, String> state = new java.util.TreeMap<>();
        try (var files = Files.list(outside)) {
            for (Path p : files.toList()) {
                state.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return state;
    }

    static ToolResult call(FilesConnector connector, String tool, Map<String, Object> args) throws Exception {
        Tool t = connector.tools().stream().filter(x -> x.name().equals("fs." + tool)).findFirst().orElseThrow();
        return connector.call(new ToolCall("call-1", t, args, PRINCIPAL, "session-1"),
                dev.bulwark.spi.tool.ProgressListener.IGNORE);
    }
}
