package dev.bulwark.server.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.approval.ApprovalListener;
import dev.bulwark.spi.approval.ApprovalRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells approvers about a new request: POSTs a Slack-compatible message ({@code {"text": ..., "blocks": [...]}}) to
 * each configured URL, off the call's thread, retrying a failed delivery up to {@link #ATTEMPTS} times with growing
 * pauses. The message holds only the request's redacted arguments, never raw values.
 */
final class SlackWebhook implements ApprovalListener, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlackWebhook.class);
    static final int ATTEMPTS = 3;
    private static final int MAX_ARGUMENTS_TEXT = 2000;

    private final List<URI> urls;
    private final String gatewayUrl;
    private final Duration firstPause;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bulwark-approval-webhook");
        t.setDaemon(true);
        return t;
    });

    SlackWebhook(List<String> urls, String gatewayUrl, Duration firstPause) {
        this.urls = urls.stream().map(URI::create).toList();
        this.gatewayUrl = gatewayUrl;
        this.firstPause = firstPause;
    }

    @Override
    public void opened(ApprovalRequest request) {
        post(message(request, gatewayUrl).toString(), request.handle());
    }

    /** Sends a message to every URL, off the caller's thread; {@code what} names it in warnings. */
    void post(String body, String what) {
        for (URI url : urls) {
            try {
                sender.execute(() -> deliver(url, body));
            } catch (RejectedExecutionException e) {
                LOG.warn("webhook not sent (shutting down): {}", what);
            }
        }
    }

    private void deliver(URI url, String body) {
        Duration pause = firstPause;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                LOG.warn("approval webhook {} answered {} (attempt {})", url.getHost(), response.statusCode(), attempt);
            } catch (java.io.IOException e) {
                LOG.warn("approval webhook {} failed: {} (attempt {})", url.getHost(), e.toString(), attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** The Slack message: a summary line and a section per fact; arguments are the redacted ones. */
    static ObjectNode message(ApprovalRequest r, String gatewayUrl) {
        String who = "agent `" + r.agentId() + "`" + r.userId().map(u -> " for user `" + u + "`").orElse("");
        String text = "Approval requested: `" + r.tool() + "` by " + who + " (" + r.handle() + ", expires "
                + r.expiresAt() + ")";
        String arguments = JsonResponses.JSON.valueToTree(r.arguments()).toString();
        if (arguments.length() > MAX_ARGUMENTS_TEXT) {
            arguments = arguments.substring(0, MAX_ARGUMENTS_TEXT) + "…";
        }
        ObjectNode out = JsonResponses.object().put("text", text);
        ArrayNode blocks = out.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + text + "*");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text",
                "*Why:* policies " + String.join(", ", r.policyIds())
                        + (r.reasons().isEmpty() ? "" : " — " + String.join("; ", r.reasons()))
                        + "\n*Approvals needed:* " + r.requiredApprovals()
                        + "\n*Arguments (redacted):* ```" + arguments + "```");
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Approve: `bulwark approvals approve " + r.id() + "` or POST " + gatewayUrl
                        + "/api/v1/approvals/" + r.id() + "/approve with your approver key");
        return out;
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
