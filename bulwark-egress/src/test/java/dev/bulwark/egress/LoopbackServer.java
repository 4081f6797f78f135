package dev.bulwark.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local HTTP server on 127.0.0.1 with the routes the egress tests need; records every request it gets. */
final class LoopbackServer implements AutoCloseable {
    final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(ex.getRequestMethod() + " " + path + " host=" + ex.getRequestHeaders().getFirst("Host"));
        try (ex) {
            switch (path) {
                case "/hello" -> text(ex, 200, "text/plain; charset=utf-8", "hello from loopback");
                case "/echo" -> text(ex, 200, "application/json",
                        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                case "/redirect" -> {
                    ex.getResponseHeaders().add("Location", query.replace("to=", "")
                            .replace("%3A", ":").replace("%2F", "/"));
                    ex.sendResponseHeaders(302, -1);
                }
                case "/binary" -> text(ex, 200, "application/octet-stream", "\u0000\u0001");
                case "/huge" -> {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0); // chunked, no length
                    byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 1600; i++) { // 100 MiB at most; the client hangs up long before
                            out.write(block);
                        }
                    } catch (IOException expected) {
                        // the client cut the download off
                    }
                }
                case "/slow" -> {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 300; i++) { // 60 s at most
                            out.write('.');
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (IOException | InterruptedException expected) {
                        // the client gave up
                    }
                }
                default -> text(ex, 404, "text/plain", "not found");
            }
        }
    }

    private static void text(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
