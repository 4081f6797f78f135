package dev.bulwark.server.http;

import dev.bulwark.spi.identity.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * The user's intent, from the {@value #NAME} header (percent-encoded UTF-8, at most {@value #MAX_CHARS} characters
 * decoded). Values in it are trusted by flow control (docs/security/flow.md), so it is taken only from a user: under a
 * delegated user token, never an agent's own. It is read on {@code initialize} (the task the session opens with) and
 * on {@code tools/call} (a later turn of the user, added to the session's intent before that call is decided): a
 * header is set by the client's code, never by the model, whose tool calls become the request body. On every other
 * request the header is ignored.
 */
public final class IntentHeader {
    public static final String NAME = "Bulwark-Intent";
    static final int MAX_CHARS = 4096;

    /** What the header says. */
    public sealed interface Outcome {
        record Absent() implements Outcome {}

        record Declared(String intent) implements Outcome {}

        /** {@code status} is the HTTP status to refuse the request with. */
        record Refused(int status, String reason, String message) implements Outcome {}
    }

    private IntentHeader() {
    }

    public static Outcome read(HttpServletRequest request, Principal principal) {
        List<String> values = Collections.list(request.getHeaders(NAME));
        if (values.isEmpty()) {
            return new Outcome.Absent();
        }
        if (values.size() > 1) {
            return new Outcome.Refused(400, "INTENT_REPEATED", NAME + " may be sent once");
        }
        if (principal.user().isEmpty()) {
            // An agent's own credential speaks for the agent; what it declares is not the user's word.
            return new Outcome.Refused(403, "INTENT_NOT_DELEGATED",
                    NAME + " is accepted only with a delegated user token");
        }
        String raw = values.get(0);
        if (raw.length() > 3 * MAX_CHARS) {
            return new Outcome.Refused(400, "INTENT_TOO_LONG", NAME + " longer than " + MAX_CHARS + " characters");
        }
        String intent;
        try {
            intent = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Outcome.Refused(400, "INTENT_MALFORMED", NAME + " must be percent-encoded UTF-8");
        }
        if (intent.length() > MAX_CHARS) {
            return new Outcome.Refused(400, "INTENT_TOO_LONG", NAME + " longer than " + MAX_CHARS + " characters");
        }
        if (intent.indexOf('\uFFFD') >= 0) {
            return new Outcome.Refused(400, "INTENT_MALFORMED", NAME + " must be percent-encoded UTF-8");
        }
        return intent.isBlank() ? new Outcome.Absent() : new Outcome.Declared(intent);
    }
}
