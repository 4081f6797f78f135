package dev.bulwark.audit.forward;

import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends syslog messages over one TCP connection, opened on first use and again after a failure; with TLS the server's
 * certificate is checked against the SSL context's trust store and its host name (RFC 5425). Not thread-safe: one
 * forwarder owns one sender.
 */
public final class SyslogSender implements AutoCloseable {
    private final String host;
    private final int port;
    private final SSLContext tls;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;

    /**
     * @param tls the TLS context, or {@code null} for plain TCP
     */
    public SyslogSender(String host, int port, SSLContext tls, int timeoutMillis) {
        this.host = Checks.nonBlank(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        this.port = port;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
    }

    /** Reads {@code host:port} (IPv6 in brackets). */
    public static SyslogSender to(String address, SSLContext tls) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("syslog address must be host:port, not '" + address + "'");
        }
        String host = address.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("syslog port must be a number: '" + address + "'");
        }
        return new SyslogSender(host, port, tls, 10_000);
    }

    /** Sends framed messages and flushes; on failure the connection is dropped and the exception thrown. */
    public void send(Iterable<String> messages) throws IOException {
        try {
            OutputStream stream = stream();
            for (String message : messages) {
                stream.write(SyslogMessage.frame(message));
            }
            stream.flush();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private OutputStream stream() throws IOException {
        if (out == null) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), timeoutMillis);
                s.setSoTimeout(timeoutMillis);
                if (tls != null) {
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                    SSLParameters parameters = secure.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // check the certificate names the host
                    secure.setSSLParameters(parameters);
                    secure.startHandshake();
                    s = secure;
                }
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            socket = s;
            out = new java.io.BufferedOutputStream(s.getOutputStream());
        }
        return out;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // dropping the connection anyway
            }
        }
        socket = null;
        out = null;
    }
}
