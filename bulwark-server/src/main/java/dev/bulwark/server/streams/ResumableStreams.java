package dev.bulwark.server.streams;

import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.server.http.SessionBindings;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.identity.Principal;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the MCP servlet's SSE streams resumable. Sits behind {@link McpGate} (so the caller is authenticated and the
 * session is the caller's) and in front of the SDK's servlet:
 * <ul>
 * <li>an SSE answer is recorded ({@link RecordingResponse}): priming event, ids {@code <stream>_<seq>}, bounded store;
 * <li>{@code GET} with {@code Last-Event-ID} is answered here, never by the SDK: the events after that id on that
 * stream, then, if the stream is still live, the rest of it (a call's answer included), then the end;
 * <li>a deleted session's streams are dropped, and so is a standalone {@code GET} stream another plain {@code GET}
 * of the session replaced.
 * </ul>
 * A {@code Last-Event-ID} that is not one of ours is refused with 400; one from another session or principal,
 * unknown, expired or from before a dropped event with 404. Every refusal is audited, without the id's value.
 */
public final class ResumableStreams implements Filter {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String SESSION = "Mcp-Session-Id";

    private final StreamStore store;
    private final GateAudit audit;

    public ResumableStreams(StreamStore store, GateAudit audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Principal principal = request.getAttribute(McpGate.PRINCIPAL) instanceof Principal p ? p : null;
        String owner = principal == null ? null : SessionBindings.ownerOf(principal);
        String session = request.getHeader(SESSION);
        if ("GET".equals(request.getMethod()) && request.getHeader(LAST_EVENT_ID) != null) {
            resume(request, response, principal, session);
            return;
        }
        if (owner == null || session == null || session.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        EndingRequest ending = new EndingRequest(request);
        RecordingResponse recording = new RecordingResponse(response, store, session, owner, ending::release,
                "GET".equals(request.getMethod()));
        ending.whenEnded(recording::ended);
        chain.doFilter(ending, recording);
        if ("DELETE".equals(request.getMethod()) && response.getStatus() < 300) {
            store.forget(session);
        }
    }

    private void resume(HttpServletRequest request, HttpServletResponse response, Principal principal,
                        String session) throws IOException {
        String owner = principal == null ? null : SessionBindings.ownerOf(principal);
        Optional<EventId> id = EventId.parse(request.getHeader(LAST_EVENT_ID));
        if (id.isEmpty()) {
            refuse(request, response, principal, 400, "EVENT_ID_MALFORMED",
                    "Last-Event-ID is not an event id this gateway sent");
            return;
        }
        if (session == null || session.isBlank()) {
            refuse(request, response, principal, 400, "SESSION_MISSING", "resuming a stream needs its Mcp-Session-Id");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            refuse(request, response, principal, 400, "NOT_ACCEPTED", "text/event-stream required in Accept header");
            return;
        }
        Optional<RecordedStream> stream = owner == null ? Optional.empty() : store.find(session, owner, id.get());
        if (stream.isEmpty()) {
            refuse(request, response, principal, 404, "EVENT_ID_UNKNOWN",
                    "no stream of this session sent that event id");
            return;
        }
        RecordedStream.Resumption outcome = stream.get().resume(id.get().seq(),
                () -> connect(request, response, stream.get()));
        if (outcome == RecordedStream.Resumption.GONE) {
            refuse(request, response, principal, 404, "EVENTS_NOT_KEPT",
                    "the events after that id are no longer kept; the stream cannot be resumed");
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Principal principal, int status,
                        String reason, String message) throws IOException {
        audit.refused(AuditEventType.PROTOCOL, "mcp.resume", principal == null ? null : principal.agent().id(),
                reason, request, Map.of());
        JsonResponses.jsonRpcError(response, status, null, -32600, message);
    }

    /** Opens the resuming {@code GET}'s SSE answer; the stream stops sending to it once it is over. */
    private static Optional<Sink> connect(HttpServletRequest request, HttpServletResponse response,
                                          RecordedStream stream) {
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            Sink.Resumed sink = new Sink.Resumed(async, response.getWriter());
            async.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    stream.detach(sink);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    stream.detach(sink);
                }

                @Override
                public void onError(AsyncEvent event) {
                    stream.detach(sink);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // not restarted
                }
            });
            return Optional.of(sink);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
