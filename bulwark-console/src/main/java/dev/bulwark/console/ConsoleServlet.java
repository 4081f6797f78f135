package dev.bulwark.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console under {@code /console}: the page ({@code /console/}), its files ({@code /console/static/…}), the
 * session ({@code /console/session}: GET who is signed in, POST sign in, DELETE sign out) and the API as the
 * signed-in human ({@code /console/api/v1/…} and {@code /console/metrics}), forwarded in process with their
 * credential. Every state-changing request must come from an allowed origin and, once signed in, carry the session's
 * CSRF token in {@code X-CSRF-Token}.
 */
public final class ConsoleServlet extends HttpServlet {
    public static final String PATH = "/console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_LOGIN_BODY = 4096;
    private static final Pattern API_PATH = Pattern.compile("(?:[A-Za-z0-9][A-Za-z0-9._-]{0,199}/){0,6}"
            + "[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ConsoleLogin login;
    private final transient ConsoleSessions sessions;
    private final transient ConsoleOptions options;
    private final transient AuditLog audit;
    private final transient Clock clock;
    private final transient StaticFiles files = new StaticFiles();

    /** A console whose sessions live in this gateway's memory. */
    public ConsoleServlet(ConsoleLogin login, ConsoleOptions options, AuditLog audit, Clock clock) {
        this(login, options, ConsoleSessionStore.inMemory(), audit, clock);
    }

    /** A console whose sessions live in {@code store} (shared by replicas when it is a database). */
    public ConsoleServlet(ConsoleLogin login, ConsoleOptions options, ConsoleSessionStore store, AuditLog audit,
                          Clock clock) {
        this.login = login;
        this.options = options;
        this.audit = audit;
        this.clock = clock;
        this.sessions = new ConsoleSessions(store, options, clock);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        SecurityHeaders.apply(response);
        String uri = request.getRequestURI();
        String method = request.getMethod();
        if (!uri.startsWith(PATH) || uri.contains("%") || uri.contains("..") || uri.contains("//")) {
            error(response, 404, "not_found", "no such console path");
            return;
        }
        String path = uri.substring(PATH.length());
        if (path.isEmpty() || path.equals("/")) {
            if (path.isEmpty()) { // relative module URLs resolve against /console/
                response.setStatus(308);
                response.setHeader("Location", PATH + "/");
                return;
            }
            if (!SAFE_METHODS.contains(method)) {
                error(response, 405, "method_not_allowed", "the console page is read with GET");
                return;
            }
            serve(response, "index.html");
        } else if (path.startsWith("/static/")) {
            if (!SAFE_METHODS.contains(method)) {
                error(response, 405, "method_not_allowed", "console files are read with GET");
                return;
            }
            serve(response, path.substring("/static/".length()));
        } else if (path.equals("/session")) {
            session(request, response);
        } else if (path.startsWith("/api/v1/") || path.equals("/metrics")) {
            forward(request, response, path);
        } else {
            error(response, 404, "not_found", "no such console path");
        }
    }

    private void serve(HttpServletResponse response, String name) throws IOException {
        Optional<StaticFiles.File> file = files.find(name);
        if (file.isEmpty()) {
            error(response, 404, "not_found", "no such console file");
            return;
        }
        response.setStatus(200);
        response.setContentType(file.get().contentType());
        response.setContentLength(file.get().bytes().length);
        response.getOutputStream().write(file.get().bytes());
    }

    private void session(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET" -> {
                Optional<ConsoleSession> s = current(request);
                if (s.isEmpty()) {
                    error(response, 401, "unauthorized", "not signed in");
                    return;
                }
                write(response, 200, view(s.get()));
            }
            case "POST" -> signIn(request, response);
            case "DELETE" -> {
                Optional<ConsoleSession> s = current(request);
                if (s.isPresent() && !allowedChange(request, response, s.get())) {
                    return;
                }
                s.ifPresent(found -> {
                    sessions.end(found.id());
                    record("console.logout", Outcome.SUCCEEDED, found.user(), "", Map.of());
                });
                expireCookie(request, response);
                response.setStatus(204);
            }
            default -> error(response, 405, "method_not_allowed", "use GET, POST or DELETE");
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sameOrigin(request)) {
            error(response, 403, "forbidden", "sign-in from another origin is refused");
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            error(response, 415, "unsupported_media_type", "Content-Type must be application/json");
            return;
        }
        String credential;
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_LOGIN_BODY + 1);
            credential = body.length > MAX_LOGIN_BODY ? null : credentialOf(body);
        }
        Optional<ConsoleUser> user = credential == null || credential.isBlank() ? Optional.empty()
                : login.authenticate(credential);
        if (user.isEmpty()) {
            record("console.login", Outcome.DENIED, null, "BAD_CONSOLE_CREDENTIAL", Map.of());
            error(response, 401, "unauthorized", "an approver key or the admin token is required");
            return;
        }
        Optional<ConsoleSession> opened = sessions.open(user.get(), credential);
        if (opened.isEmpty()) {
            error(response, 503, "too_many_sessions", "too many console sessions; try again later");
            return;
        }
        try {
            record("console.login", Outcome.SUCCEEDED, user.get(), "", Map.of("role",
                    user.get().role().name().toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) { // an unrecorded sign-in does not happen
            sessions.end(opened.get().id());
            error(response, 503, "audit_unavailable", "audit log unavailable; not signed in");
            return;
        }
        setCookie(request, response, opened.get().id());
        write(response, 200, view(opened.get()));
    }

    /** The credential of a login body {@code {"credential": "..."}}; anything else is no credential. */
    private static String credentialOf(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject() || node.size() != 1 || !node.path("credential").isTextual()) {
                return null;
            }
            return node.get("credential").asText();
        } catch (IOException e) {
            return null;
        }
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException, ServletException {
        Optional<ConsoleSession> s = current(request);
        if (s.isEmpty()) {
            error(response, 401, "unauthorized", "not signed in");
            return;
        }
        String target = path.equals("/metrics") ? "/metrics" : path;
        String apiPath = path.equals("/metrics") ? "metrics" : path.substring("/api/v1/".length());
        if (!API_PATH.matcher(apiPath).matches()) {
            error(response, 404, "not_found", "no such API path");
            return;
        }
        if (!s.get().user().role().mayReach(apiPath)) {
            error(response, 403, "forbidden", "this page is for administrators");
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !allowedChange(request, response, s.get())) {
            return;
        }
        String query = request.getQueryString();
        RequestDispatcher dispatcher = request.getServletContext().getRequestDispatcher(
                target + (query == null || query.isEmpty() ? "" : "?" + query));
        if (dispatcher == null) {
            error(response, 404, "not_found", "no such API path");
            return;
        }
        dispatcher.forward(new CredentialRequest(request, s.get().credential()), response);
    }

    /** A state-changing request: from an allowed origin and with the session's CSRF token, else 403 (audited). */
    private boolean allowedChange(HttpServletRequest request, HttpServletResponse response, ConsoleSession s)
            throws IOException {
        String presented = request.getHeader(CSRF_HEADER);
        boolean tokenOk = presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
        if (tokenOk && sameOrigin(request)) {
            return true;
        }
        String reason = tokenOk ? "CROSS_ORIGIN" : presented == null ? "CSRF_TOKEN_MISSING" : "CSRF_TOKEN_WRONG";
        record("console.csrf", Outcome.DENIED, s.user(), reason, Map.of("method", request.getMethod(),
                "path", request.getRequestURI()));
        error(response, 403, "csrf", "a state-changing console request needs the session's CSRF token from the"
                + " console's own origin");
        return false;
    }

    /**
     * Whether a state-changing request may come from where it says: an Origin header, when present, must be allowed;
     * without one, a browser's Sec-Fetch-Site must say same-origin (or be absent: not a browser).
     */
    private boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return options.allowedOrigins().contains(origin);
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin");
    }

    /** The live session of the request's cookie whose credential still authenticates as the same human. */
    private Optional<ConsoleSession> current(HttpServletRequest request) {
        Optional<ConsoleSession> s = sessions.touch(cookieValue(request));
        if (s.isEmpty()) {
            return s;
        }
        Optional<ConsoleUser> still = login.authenticate(s.get().credential());
        if (still.isEmpty() || !still.get().id().equals(s.get().user().id())
                || still.get().role() != s.get().user().role()) {
            sessions.end(s.get().id());
            return Optional.empty();
        }
        return s;
    }

    /** The session cookie's value; none when it is absent or sent twice (a planted second cookie). */
    private String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String found = null;
        for (Cookie c : cookies) {
            if (c.getName().equals(cookieName(request))) {
                if (found != null) {
                    return null;
                }
                found = c.getValue();
            }
        }
        return found;
    }

    private boolean secure(HttpServletRequest request) {
        return options.secureCookie() || request.isSecure();
    }

    /** {@code __Host-} when Secure: the browser then refuses the cookie from a sub-domain or over plain HTTP. */
    private String cookieName(HttpServletRequest request) {
        return secure(request) ? "__Host-bulwark_console" : "bulwark_console";
    }

    private void setCookie(HttpServletRequest request, HttpServletResponse response, String value) {
        response.addHeader("Set-Cookie", cookieName(request) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure(request) ? "; Secure" : ""));
    }

    private void expireCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", cookieName(request) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(request) ? "; Secure" : ""));
    }

    private ObjectNode view(ConsoleSession s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("user", s.user().id()).put("role", s.user().role().name().toLowerCase(Locale.ROOT))
                .put("csrfToken", s.csrfToken())
                .put("expiresAt", s.createdAt().plus(options.maxAge()).toString());
        s.user().roles().stream().sorted().forEach(n.putArray("roles")::add);
        return n;
    }

    private void record(String action, Outcome outcome, ConsoleUser user, String reason, Map<String, Object> details) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(details);
        if (user != null) {
            all.put("by", user.role() == ConsoleRole.ADMIN ? "admin" : "user:" + user.id());
        }
        String userId = user == null || user.role() == ConsoleRole.ADMIN ? null : user.id();
        audit.append(new AuditEvent(clock.instant(), AuditEventType.ADMIN, action, outcome, null, userId, null,
                reason, all));
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        write(response, status, JSON.createObjectNode().put("error", code).put("message", message));
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
