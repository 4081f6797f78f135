package dev.bulwark.server.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The conformance project's reference "everything" server (vendored source, see
 * {@code scripts/conformance/everything-server/}), run with tsx on a free loopback port.
 */
final class ReferenceServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ReferenceServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ReferenceServer start(ConformanceSuite suite) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("bulwark-everything-server", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node",
                suite.dir().resolve("node_modules/tsx/dist/cli.mjs").toString(), "everything-server.ts"))
                .directory(suite.dir().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        process.getOutputStream().close();
        ReferenceServer server = new ReferenceServer(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                server.close();
                throw new IllegalStateException("the reference server exited: " + output);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("the reference server did not listen on port " + port + " within 60 s");
    }

    /** Its MCP endpoint; {@code localhost}, which its DNS-rebinding protection accepts as a Host. */
    String mcpUrl() {
        return "http://localhost:" + port + "/mcp";
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
