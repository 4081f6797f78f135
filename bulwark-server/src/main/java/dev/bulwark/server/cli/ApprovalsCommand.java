package dev.bulwark.server.cli;

import dev.bulwark.approvals.JdbcApprovalStore;
import dev.bulwark.approvals.SqlApproverKeys;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.ApprovalDesk;
import dev.bulwark.server.http.JsonResponses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Human approvals. Listing and deciding go through the running gateway's API, so every decision is checked and
 * audited in one place; the credential is an approver key ({@code BULWARK_APPROVER_KEY}) or, to list, show and deny,
 * the admin token. Issuing an approver key works on the local database, like {@code user create}.
 */
@Command(name = "approvals", description = "List, show, approve and deny paused calls; issue approver keys.",
        subcommands = {ApprovalsCommand.ListRequests.class, ApprovalsCommand.Show.class, ApprovalsCommand.Approve.class,
                ApprovalsCommand.Deny.class, ApprovalsCommand.IssueKey.class})
final class ApprovalsCommand {

    /** Where the gateway is and who is asking. */
    static final class Remote {
        @Mixin
        ConfigOptions options;
        @Option(names = "--url", description = "gateway URL (default: from the configuration)")
        String url;
        @Option(names = "--key", defaultValue = "${env:BULWARK_APPROVER_KEY}",
                description = "approver key, or the admin token (default: $BULWARK_APPROVER_KEY)")
        String key;

        int send(String method, String path, String body) {
            if (key == null || key.isBlank()) {
                System.err.println("bulwark: an approver key is required (--key or BULWARK_APPROVER_KEY)");
                return 2;
            }
            BulwarkConfig config = options.load();
            String base = url != null ? url : config.server().publicUrl() != null ? config.server().publicUrl()
                    : "http://" + config.server().host() + ":" + config.server().port();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key);
            request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                        HttpResponse.BodyHandlers.ofString());
                (response.statusCode() / 100 == 2 ? System.out : System.err).println(response.body());
                return response.statusCode() / 100 == 2 ? 0 : 1;
            } catch (java.io.IOException e) {
                System.err.println("bulwark: cannot reach the gateway at " + base + ": " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    @Command(name = "list", description = "List approval requests as JSON.")
    static final class ListRequests implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--state", defaultValue = "pending",
                description = "pending, approved, denied, expired, consumed or all (default: pending)")
        String state;

        @Override
        public Integer call() {
            return remote.send("GET", "/api/v1/approvals?state=" + java.net.URLEncoder.encode(state,
                    java.nio.charset.StandardCharsets.UTF_8), null);
        }
    }

    @Command(name = "show", description = "Show one approval request.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Parameters(index = "0", description = "approval id (the part after approval:)")
        String id;

        @Override
        public Integer call() {
            return remote.send("GET", "/api/v1/approvals/" + id(id), null);
        }
    }

    @Command(name = "approve", description = "Approve a paused call (needs your approver key).")
    static final class Approve implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Parameters(index = "0", description = "approval id")
        String id;

        @Override
        public Integer call() {
            return remote.send("POST", "/api/v1/approvals/" + id(id) + "/approve", "{}");
        }
    }

    @Command(name = "deny", description = "Deny a paused call.")
    static final class Deny implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Parameters(index = "0", description = "approval id")
        String id;
        @Option(names = "--reason", required = true, description = "why (shown to approvers, recorded)")
        String reason;

        @Override
        public Integer call() {
            return remote.send("POST", "/api/v1/approvals/" + id(id) + "/deny",
                    JsonResponses.object().put("reason", reason).toString());
        }
    }

    @Command(name = "issue-key", description = "Issue (or replace) the approver key of a user with the approver role.")
    static final class IssueKey implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "user id")
        String userId;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                ApprovalDesk desk = new ApprovalDesk(new JdbcApprovalStore(state.database),
                        new SqlApproverKeys(state.database, Clock.systemUTC()), state.identity.users(),
                        state.identity.agents(), Clock.systemUTC());
                try {
                    System.out.println(desk.issueKey(userId));
                    return 0;
                } catch (IllegalArgumentException e) {
                    System.err.println("bulwark: " + e.getMessage());
                    return 1;
                }
            }
        }
    }

    /** Accepts {@code approval:<id>} as well as the bare id; refuses anything that is not an id. */
    static String id(String given) {
        String id = given.startsWith("approval:") ? given.substring("approval:".length()) : given;
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{7,63}")) {
            throw new IllegalArgumentException("not an approval id: " + given);
        }
        return id;
    }
}
