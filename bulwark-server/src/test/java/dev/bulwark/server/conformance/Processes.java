package dev.bulwark.server.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the suite's Node processes with a deadline; output goes to a file so a chatty process never blocks. */
final class Processes {
    private Processes() {}

    record Output(int exit, String text) {
    }

    static Output run(Path dir, Map<String, String> env, int timeoutSeconds, String... command) throws IOException {
        Path log = Files.createTempFile("bulwark-conformance", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            p.getOutputStream().close();
            boolean done;
            try {
                done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Output(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log,
                        StandardCharsets.UTF_8));
            }
            return new Output(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static boolean works(String... command) {
        try {
            return run(Path.of("."), Map.of(), 30, command).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
