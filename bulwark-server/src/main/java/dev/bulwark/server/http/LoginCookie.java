package dev.bulwark.server.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The cookie naming a login in progress ({@code PendingLogins}). HttpOnly, path {@code /oauth/}, {@code Secure} when
 * the gateway is served over https, and {@code SameSite=Lax}: Lax (not Strict) because the identity provider sends the
 * browser back with a cross-site top-level GET, which Strict would strip; every form post still needs the CSRF token
 * of the page, which another site cannot read.
 */
final class LoginCookie {
    static final String NAME = "bulwark_login";

    private LoginCookie() {}

    static void set(HttpServletResponse response, String id, boolean secure) {
        response.addHeader("Set-Cookie", NAME + "=" + id + "; Path=/oauth/; HttpOnly; SameSite=Lax; Max-Age=600"
                + (secure ? "; Secure" : ""));
    }

    static void clear(HttpServletResponse response, boolean secure) {
        response.addHeader("Set-Cookie", NAME + "=; Path=/oauth/; HttpOnly; SameSite=Lax; Max-Age=0"
                + (secure ? "; Secure" : ""));
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName())) {
                if (found.isPresent()) {
                    return Optional.empty(); // two cookies of this name: one was planted; trust neither
                }
                found = Optional.ofNullable(c.getValue());
            }
        }
        return found;
    }
}
