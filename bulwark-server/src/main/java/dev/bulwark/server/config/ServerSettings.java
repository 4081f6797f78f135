package dev.bulwark.server.config;

import java.net.URI;
import java.util.List;

/**
 * @param host            interface to listen on; loopback by default
 * @param port            TCP port; 0 picks a free one
 * @param publicUrl       the base URL clients use (token audience and metadata); default {@code http://host:port}
 * @param maxRequestBytes largest accepted request body
 * @param allowedOrigins  browser origins allowed to call {@code /mcp}; requests without Origin are always allowed
 * @param allowedHosts    host names requests may be addressed to (Host header) besides the public URL's host and,
 *                        when listening on loopback, the loopback names
 * @param bodyTimeoutSeconds longest wait for a request body to arrive in full (default 10); a client that is slower
 *                        is answered 408
 * @param streams         resumable SSE streams on {@code /mcp}: priming, {@code retry}, what is kept for replay
 */
public record ServerSettings(String host, Integer port, String publicUrl, Integer maxRequestBytes,
                             List<String> allowedOrigins, List<String> allowedHosts, Integer bodyTimeoutSeconds,
                             StreamSettings streams) {
    public ServerSettings {
        streams = streams == null ? StreamSettings.defaults() : streams;
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be between 0 and 65535");
        }
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : stripSlash(publicUrl);
        if (publicUrl != null) {
            URI uri = URI.create(publicUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("server.publicUrl must be an http(s) URL");
            }
        }
        maxRequestBytes = maxRequestBytes == null ? 1024 * 1024 : maxRequestBytes;
        if (maxRequestBytes < 1024 || maxRequestBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("server.maxRequestBytes must be between 1024 and 67108864");
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        bodyTimeoutSeconds = bodyTimeoutSeconds == null ? 10 : bodyTimeoutSeconds;
        if (bodyTimeoutSeconds < 1 || bodyTimeoutSeconds > 300) {
            throw new IllegalArgumentException("server.bodyTimeoutSeconds must be between 1 and 300");
        }
        if (allowedHosts.stream().anyMatch(h -> h == null || h.isBlank() || h.contains("/"))) {
            throw new IllegalArgumentException("server.allowedHosts holds host names, e.g. gateway.example.com");
        }
    }

    public ServerSettings(String host, Integer port, String publicUrl, Integer maxRequestBytes,
                          List<String> allowedOrigins) {
        this(host, port, publicUrl, maxRequestBytes, allowedOrigins, null, null, null);
    }

    public ServerSettings(String host, Integer port, String publicUrl, Integer maxRequestBytes,
                          List<String> allowedOrigins, List<String> allowedHosts, Integer bodyTimeoutSeconds) {
        this(host, port, publicUrl, maxRequestBytes, allowedOrigins, allowedHosts, bodyTimeoutSeconds, null);
    }

    static ServerSettings defaults() {
        return new ServerSettings(null, null, null, null, null);
    }

    ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, publicUrl, maxRequestBytes, allowedOrigins, allowedHosts, bodyTimeoutSeconds,
                streams);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
