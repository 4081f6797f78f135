package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditAnchor;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Witness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A witness that POSTs each anchor as one JSON object ({@link AnchorLines}, {@code Content-Type: application/json})
 * to a URL and counts it held on any 2xx answer. The receiver keeps its own copy; to verify, export it as anchor lines
 * (one JSON object per line) and pass the file to {@code bulwark audit verify --anchors}.
 */
public final class WebhookWitness implements Witness {
    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param headers sent with every request, e.g. {@code Authorization}; never shown in names or errors
     */
    public WebhookWitness(URI url, Map<String, String> headers, Duration timeout) {
        this.url = Checks.present(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("a webhook witness needs an http or https URL");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("put webhook credentials in headers, not in the URL");
        }
        this.headers = Map.copyOf(Checks.present(headers, "headers"));
        this.timeout = Checks.present(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook:" + url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? ""
                : url.getRawPath());
    }

    @Override
    public void publish(AuditAnchor anchor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AnchorLines.format(Checks.present(anchor, "anchor"))));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AuditException("audit witness " + name() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while publishing to audit witness " + name());
        }
        if (response.statusCode() / 100 != 2) {
            throw new AuditException("audit witness " + name() + " answered HTTP " + response.statusCode());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
