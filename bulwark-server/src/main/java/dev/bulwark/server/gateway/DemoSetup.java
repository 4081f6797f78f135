package dev.bulwark.server.gateway;

import dev.bulwark.identity.AgentRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * First-start demo identities: an agent with the {@code support} role, one without roles, and a user for
 * delegation. Their API keys are shown once and written to a file only the owner can read; the database keeps
 * salted hashes.
 */
public final class DemoSetup {
    public static final String FILE = "demo-credentials.txt";

    /** The keys created on this start. */
    public record Credentials(String supportBotKey, String internBotKey) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }

    private DemoSetup() {}

    static Credentials ensure(Identity identity, Path dataDir) throws IOException {
        if (identity.agents().find("support-bot").isPresent()) {
            return null;
        }
        AgentRegistration support = identity.agents().register("support-bot", "demo@bulwark.local",
                Set.of("support"), Map.of("department", "customer-care"));
        AgentRegistration intern = identity.agents().register("intern-bot", "demo@bulwark.local",
                Set.of(), Map.of("department", "customer-care"));
        if (identity.users().find("alice").isEmpty()) {
            identity.users().register("alice", Set.of("support"), Map.of("region", "EU"));
        }
        Path file = dataDir.resolve(FILE);
        DataDirectory.writePrivate(file, """
                # Demo agent API keys (shown once; the database keeps only salted hashes).
                # Get a token:  ./bulwark token --agent support-bot --key <key>
                support-bot %s
                intern-bot %s
                """.formatted(support.apiKey().value(), intern.apiKey().value()));
        return new Credentials(support.apiKey().value(), intern.apiKey().value());
    }

    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE));
    }
}
