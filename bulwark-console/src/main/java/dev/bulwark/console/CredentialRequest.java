package dev.bulwark.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The browser's request as the API sees it when the console forwards it: the signed-in human's credential as the
 * bearer token, and no cookies (the API authenticates by bearer only, and must never see the session cookie).
 */
final class CredentialRequest extends HttpServletRequestWrapper {
    private static final String AUTHORIZATION = "Authorization";
    private static final String COOKIE = "Cookie";
    private final String bearer;

    CredentialRequest(HttpServletRequest request, String credential) {
        super(request);
        this.bearer = "Bearer " + credential;
    }

    @Override
    public String getHeader(String name) {
        if (AUTHORIZATION.equalsIgnoreCase(name)) {
            return bearer;
        }
        return COOKIE.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (AUTHORIZATION.equalsIgnoreCase(name)) {
            return Collections.enumeration(Set.of(bearer));
        }
        return COOKIE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String n : Collections.list(super.getHeaderNames())) {
            if (!COOKIE.equalsIgnoreCase(n) && !AUTHORIZATION.equalsIgnoreCase(n)) {
                names.add(n);
            }
        }
        names.add(AUTHORIZATION);
        return Collections.enumeration(names);
    }

    @Override
    public jakarta.servlet.http.Cookie[] getCookies() {
        return null;
    }
}
