package dev.bulwark.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The human approval queue for calls whose permit carries {@code @approval}.
 *
 * @param enabled  whether such calls are paused for approval (default true); when false they are refused
 * @param ttl      how long a request waits for a decision and an approval for its use (default 15m, 10s to 7d)
 * @param waitFor  key {@code wait}: how long a paused call is held open with progress notifications before
 *                 answering pending (default 5s, at most 2m; 0s answers at once)
 * @param fourEyes tool name patterns ({@code *} wildcard) that need two distinct approvers
 * @param webhooks URLs (http or https) that receive a Slack-compatible JSON message for each new request
 * @param previews per tool name, a read tool of the same connector that previews the call without doing it (a dry
 *                 run), called with the same arguments when the call is paused; its redacted output is shown to
 *                 approvers
 */
public record ApprovalsSettings(Boolean enabled, String ttl, @JsonProperty("wait") String waitFor,
                                List<String> fourEyes,
                                List<String> webhooks, java.util.Map<String, String> previews) {
    public ApprovalsSettings(Boolean enabled, String ttl, String waitFor, List<String> fourEyes,
                             List<String> webhooks) {
        this(enabled, ttl, waitFor, fourEyes, webhooks, null);
    }

    public ApprovalsSettings {
        previews = previews == null ? java.util.Map.of() : java.util.Map.copyOf(previews);
        previews.forEach((tool, preview) -> {
            if (tool.isBlank() || preview == null || preview.isBlank() || tool.equals(preview)) {
                throw new IllegalArgumentException("approvals.previews: map a tool to another (read) tool that "
                        + "previews it, e.g. bank.send_money: bank.preview_payment");
            }
        });
        enabled = enabled == null ? Boolean.TRUE : enabled;
        ttl = ttl == null ? "15m" : ttl;
        waitFor = waitFor == null ? "5s" : waitFor;
        Duration life = Durations.parse(ttl, "approvals.ttl");
        if (life.compareTo(Duration.ofSeconds(10)) < 0 || life.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("approvals.ttl must be between 10s and 7d");
        }
        if (wait(waitFor).compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("approvals.wait must be at most 2m: the agent's request is held open");
        }
        fourEyes = fourEyes == null ? List.of() : List.copyOf(fourEyes);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        for (String url : webhooks) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("approvals.webhooks: not a URL: " + url);
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("approvals.webhooks: must be an http(s) URL: " + url);
            }
        }
    }

    public static ApprovalsSettings defaults() {
        return new ApprovalsSettings(null, null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    public Duration timeToLive() {
        return Durations.parse(ttl, "approvals.ttl");
    }

    public Duration waitTime() {
        return wait(waitFor);
    }

    /** Zero is allowed here (answer pending at once), unlike other durations. */
    private static Duration wait(String text) {
        return text.matches("0+(ms|s|m|h|d)?") ? Duration.ZERO : Durations.parse(text, "approvals.wait");
    }
}
