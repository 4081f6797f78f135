package dev.bulwark.server.gateway;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The gateway's HTTP listeners, configured alike. */
final class HttpListeners {
    private HttpListeners() {
    }

    /**
     * A listener whose per-connection header cache compares values with their letter case. Jetty's default compares
     * them ignoring case, so on one keep-alive connection a credential header ({@code Authorization}, {@code Cookie})
     * that differs from the previous request's only in case would be read as the previous one: a bearer token or
     * session cookie must be taken exactly as sent. The {@code Server} header names no version.
     */
    static ServerConnector exact(Server server, int acceptors, int selectors) {
        HttpConfiguration http = new HttpConfiguration();
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        return new ServerConnector(server, acceptors, selectors, new HttpConnectionFactory(http));
    }
}
