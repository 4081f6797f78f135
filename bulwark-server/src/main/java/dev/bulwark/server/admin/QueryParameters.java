package dev.bulwark.server.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Admin endpoints accept only the query parameters they declare, each at most once. */
final class QueryParameters {
    private QueryParameters() {}

    /** @throws AdminError 400 naming an unknown or repeated parameter */
    static void requireOnly(String queryString, Set<String> accepted) {
        if (queryString == null || queryString.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : queryString.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw StrictJson.invalid("query string is not validly encoded");
            }
            if (!accepted.contains(name)) {
                throw StrictJson.invalid("unknown query parameter '" + abbreviate(name) + "'"
                        + (accepted.isEmpty() ? " (this endpoint takes none)" : " (accepted: "
                        + String.join(", ", new java.util.TreeSet<>(accepted)) + ")"));
            }
            if (!seen.add(name)) {
                throw StrictJson.invalid("duplicate query parameter '" + name + "'");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
