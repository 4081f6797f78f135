package dev.bulwark.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A syslog TCP receiver on loopback that parses octet-counted frames strictly (RFC 6587 3.4.1); for tests. */
public final class SyslogReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public SyslogReceiver() throws IOException {
        this(null);
    }

    /** A receiver that speaks TLS with the server context's key (RFC 5425), or plain TCP when it is null. */
    public SyslogReceiver(javax.net.ssl.SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<String> messages() {
        return messages;
    }

    public List<String> problems() {
        return problems;
    }

    /** Waits until at least {@code count} messages arrived. */
    public List<String> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return List.copyOf(messages);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                read(new DataInputStream(s.getInputStream()));
            } catch (IOException e) {
                // connection closed by the sender or the receiver stopping
            }
        }
    }

    private void read(DataInputStream in) throws IOException {
        while (true) {
            ByteArrayOutputStream length = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != ' ') {
                if (c == -1) {
                    return;
                }
                if (c < '0' || c > '9' || length.size() > 9) {
                    problems.add("bad frame length byte " + c);
                    return;
                }
                length.write(c);
            }
            byte[] body = new byte[Integer.parseInt(length.toString(StandardCharsets.US_ASCII))];
            in.readFully(body);
            messages.add(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
