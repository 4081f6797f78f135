package dev.bulwark.server.gateway;

import dev.bulwark.console.ConsoleLogin;
import dev.bulwark.console.ConsoleOptions;
import dev.bulwark.console.ConsoleRole;
import dev.bulwark.console.ConsoleServlet;
import dev.bulwark.console.ConsoleUser;
import dev.bulwark.spi.identity.User;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the web console: sessions in the gateway's database, sign-in with the admin token (role admin) or an approver key (a user holding the approver
 * role, the approval queue's own user authentication), the session options from {@code console.*}, and the origins
 * whose pages may change anything: the gateway's own (its public URL and where it listens), never another site.
 */
final class ConsoleSetup {
    private ConsoleSetup() {}

    static ConsoleServlet servlet(Gateway gateway, AdminToken adminToken) {
        var settings = gateway.config().console();
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(gateway.baseUrl()));
        origins.add(origin(gateway.localUrl()));
        boolean secure = gateway.baseUrl().startsWith("https:");
        ConsoleOptions options = new ConsoleOptions(settings.idle(), settings.age(), settings.maxSessions(), secure,
                origins);
        // sessions in the gateway's database: they survive a restart and every replica on it shares them
        return new ConsoleServlet(login(adminToken, gateway.approvals().desk(), gateway), options,
                new dev.bulwark.console.JdbcConsoleSessionStore(gateway.database()), gateway.auditLog(),
                gateway.clock());
    }

    static ConsoleLogin login(AdminToken adminToken, ApprovalDesk desk, Gateway gateway) {
        return credential -> {
            if (adminToken.matches(credential)) {
                return Optional.of(new ConsoleUser(ApprovalDesk.ADMIN, ConsoleRole.ADMIN, Set.of("admin")));
            }
            return desk.approverFor(credential).map(user -> new ConsoleUser(user, ConsoleRole.APPROVER,
                    gateway.identity().users().find(user).map(User::roles).orElse(Set.of())));
        };
    }

    /** scheme://host[:port] of a URL, as browsers send it in Origin. */
    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
