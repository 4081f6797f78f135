package dev.bulwark.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A hand-written HTTP/1.1 server on 127.0.0.1 for responses a well-behaved server library will not produce
 * (conflicting framing, endless interim responses). {@code respond} gets the request head and writes the raw reply.
 */
final class RawHttpServer implements AutoCloseable {
    /** Writes a reply to one request; may loop until the client goes away. */
    interface Reply {
        void write(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread acceptor;

    RawHttpServer(Reply reply) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(client, reply));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static RawHttpServer answering(Function<String, String> reply) throws IOException {
        return new RawHttpServer((head, out) -> out.write(reply.apply(head).getBytes(StandardCharsets.ISO_8859_1)));
    }

    private void serve(Socket client, Reply reply) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            requests.add(text);
            reply.write(text, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
