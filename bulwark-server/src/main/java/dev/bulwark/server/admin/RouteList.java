package dev.bulwark.server.admin;

import dev.bulwark.server.admin.AdminRoutes.Handler;
import dev.bulwark.server.admin.AdminRoutes.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Endpoints in the order they are declared, which is the order they are matched in. */
final class RouteList {
    private final List<Route<?>> routes = new ArrayList<>();

    /** An endpoint that reads its body into {@code body} and takes no query parameters. */
    <T> void add(String method, String pattern, Class<T> body, Handler<T> handler) {
        routes.add(new Route<>(method, Pattern.compile(pattern), body, Set.of(), handler));
    }

    void add(Route<?> route) {
        routes.add(route);
    }

    void addAll(List<Route<?>> more) {
        routes.addAll(more);
    }

    /** A GET endpoint without body or query parameters. */
    void get(String pattern, Handler<AdminBodies.None> handler) {
        add("GET", pattern, AdminBodies.None.class, handler);
    }

    /** A POST endpoint without body or query parameters. */
    void post(String pattern, Handler<AdminBodies.None> handler) {
        add("POST", pattern, AdminBodies.None.class, handler);
    }

    /** The first endpoint of {@code method} whose pattern matches all of {@code path}, or {@code null}. */
    Route<?> match(String method, String path) {
        for (Route<?> route : routes) {
            if (route.method().equals(method) && route.pattern().matcher(path).matches()) {
                return route;
            }
        }
        return null;
    }

    List<Route<?>> all() {
        return List.copyOf(routes);
    }
}
