package dev.bulwark.server.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** HTTP/1.1 over a plain socket, for headers java.net.http will not send (Host) and bodies it will not dribble. */
final class RawHttp {
    /** A parsed answer; {@code status} 0 when the server closed the connection without answering. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    static Answer post(String baseUrl, String path, String host, Map<String, String> headers, String body)
            throws IOException {
        return send(baseUrl, "POST", path, host, headers, body.getBytes(StandardCharsets.UTF_8), -1, 0);
    }

    /**
     * Sends the head, then {@code sentBytes} of the body (declared length {@code body.length}), then waits up to
     * {@code waitMillis} for the answer without sending the rest.
     */
    static Answer send(String baseUrl, String method, String path, String host, Map<String, String> headers,
                       byte[] body, int sentBytes, int waitMillis) throws IOException {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(waitMillis > 0 ? waitMillis : 20_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            head.append("Host: ").append(host).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, sentBytes < 0 ? body.length : sentBytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no complete answer in time; got: " + all.toString(StandardCharsets.UTF_8), e);
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (text.isEmpty() || split < 0) {
            return new Answer(0, text, "");
        }
        String head = text.substring(0, split);
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        return new Answer(status, head, text.substring(split + 4));
    }
}
