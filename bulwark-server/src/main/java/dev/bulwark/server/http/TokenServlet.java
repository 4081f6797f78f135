package dev.bulwark.server.http;

import dev.bulwark.identity.OAuthError;
import dev.bulwark.identity.TokenEndpoint;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.identity.TokenThrottle;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The OAuth 2.0 token endpoint ({@code client_credentials}, RFC 8693 token exchange). Every issuance and refusal is
 * audited, by agent id and token id, never with the secret or the token.
 *
 * <p>Failed attempts are throttled ({@link TokenThrottle}): a throttled attempt gets 429 with {@code Retry-After}
 * before any credential is checked. Throttled attempts are audited in aggregate, so an attacker cannot flood the audit
 * log: one record when a key starts being throttled, then one record per key and flush period with the count.
 */
public final class TokenServlet extends HttpServlet {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TokenServlet.class);
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** How often aggregate records of throttled attempts are written. */
    static final Duration FLUSH_PERIOD = Duration.ofMinutes(1);
    private final transient TokenEndpoint tokens;
    private final transient TokenThrottle throttle;
    private final transient GateAudit audit;
    private transient ScheduledExecutorService flusher;

    public TokenServlet(TokenEndpoint tokens, TokenThrottle throttle, GateAudit audit) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public void init() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-token-throttle-audit");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleAtFixedRate(this::flushThrottled, FLUSH_PERIOD.toSeconds(), FLUSH_PERIOD.toSeconds(),
                TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushThrottled();
    }

    /** Writes one audit record per throttled key with the number of attempts refused since the last flush. */
    void flushThrottled() {
        try {
            for (Map.Entry<String, Long> e : throttle.drainThrottled().entrySet()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("key", audit.redacted(e.getKey())); // holds a claimed client id
                details.put("attempts", e.getValue());
                audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.AUTHENTICATION,
                        "token.throttled", Outcome.DENIED, null, null, null, "THROTTLED", details));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record throttled token attempts: {}", e.toString());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String source = request.getRemoteAddr();
        // A source already over its allowance is refused before its request is even read (nor audited one by one).
        if (refusedAsThrottled(Optional.empty(), source, request, response)) {
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throttle.recordFailure(Optional.empty(), source);
            audit.refused(AuditEventType.AUTHENTICATION, "token.issue", null, "invalid_request", request,
                    Map.of("problem", "content type"));
            oauthError(response, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
            return;
        }
        if (request.getContentLengthLong() > MAX_FORM_BYTES) {
            throttle.recordFailure(Optional.empty(), source);
            audit.refused(AuditEventType.AUTHENTICATION, "token.issue", null, "invalid_request", request,
                    Map.of("problem", "body too large"));
            oauthError(response, 413, "invalid_request", "request too large");
            return;
        }
        Map<String, String[]> parameters = request.getParameterMap();
        String authorization = request.getHeader("Authorization");
        Optional<String> client = TokenEndpoint.claimedClientId(parameters, authorization);
        if (refusedAsThrottled(client, source, request, response)) {
            return;
        }
        TokenResponse result = tokens.handle(parameters, authorization);
        if (result instanceof TokenResponse.Failed failed && failed.error() != OAuthError.SERVER_ERROR) {
            throttle.recordFailure(client, source);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("grantType", GateAudit.truncate(String.valueOf(request.getParameter("grant_type")), 80));
        details.put("remote", request.getRemoteAddr());
        switch (result) {
            case TokenResponse.Issued issued -> {
                details.put("tokenId", issued.token().tokenId());
                details.put("expiresAt", issued.expiresAt().toString());
                audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.AUTHENTICATION, "token.issue",
                        Outcome.SUCCEEDED, issued.agentId().orElse(null), issued.userId().orElse(null), null, "",
                        details));
            }
            case TokenResponse.Failed failed -> {
                details.put("detail", failed.auditReason());
                audit.refused(AuditEventType.AUTHENTICATION, "token.issue", failed.agentId().orElse(null),
                        failed.error().code(), request, details);
            }
        }
        response.setHeader("Pragma", "no-cache");
        if (result.httpStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"bulwark\"");
        }
        JsonResponses.write(response, result.httpStatus(), result.toJson());
    }

    /** Answers 429 with Retry-After when the throttle says so; audits only the first throttled attempt per key. */
    private boolean refusedAsThrottled(Optional<String> client, String source, HttpServletRequest request,
                                       HttpServletResponse response) throws IOException {
        if (!(throttle.check(client, source) instanceof TokenThrottle.Verdict.Throttled throttled)) {
            return false;
        }
        long seconds = throttled.retryAfter().toSeconds();
        if (throttled.first()) {
            audit.refused(AuditEventType.AUTHENTICATION, "token.throttled", client.orElse(null), "THROTTLED",
                    request, Map.of("scope", throttled.scope(), "retryAfterSeconds", seconds));
        }
        response.setHeader("Retry-After", Long.toString(seconds));
        oauthError(response, 429, "slow_down", "too many failed attempts; retry after " + seconds + " seconds");
        return true;
    }

    private static void oauthError(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        JsonResponses.write(response, status, JsonResponses.object().put("error", error)
                .put("error_description", description));
    }
}
