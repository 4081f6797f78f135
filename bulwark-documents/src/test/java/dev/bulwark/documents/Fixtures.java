package dev.bulwark.documents;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Principals, requests and a small e-mail detector shared by the tests. */
final class Fixtures {
    private Fixtures() {}

    /** Finds e-mail addresses, standing in for the guards module's PII detector. */
    static final Detector EMAILS = new Detector() {
        private final Pattern email = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

        @Override
        public String name() {
            return "test-email";
        }

        @Override
        public List<Finding> detect(String text) {
            List<Finding> findings = new ArrayList<>();
            Matcher m = email.matcher(text);
            while (m.find()) {
                findings.add(new Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.9, name()));
            }
            return findings;
        }
    };

    static Agent agentRecord(String id, String... roles) {
        return new Agent(id, "owner-team", Set.of(roles), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH);
    }

    static Principal agent(String id, String... roles) {
        return new Principal(agentRecord(id, roles), Optional.empty(), "jti-" + id, Set.of(),
                Instant.now().plusSeconds(600));
    }

    static Principal delegated(Agent agent, String userId, String... userRoles) {
        return new Principal(agent, Optional.of(new User(userId, Set.of(userRoles), Map.of())), "jti-d", Set.of(),
                Instant.now().plusSeconds(600));
    }

    static SourceAcl principals(String... ids) {
        return new SourceAcl(Set.of(ids), Set.of());
    }

    static SourceAcl groups(String... names) {
        return new SourceAcl(Set.of(), Set.of(names));
    }

    static IngestRequest text(String sourceId, String content, SourceAcl acl) {
        return IngestRequest.external(sourceId, "title of " + sourceId, content.getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_PLAIN, acl);
    }

    static LuceneDocumentStore openStore(Path directory) throws java.io.IOException {
        return LuceneDocumentStore.open(DocumentsConfig.defaults(directory));
    }
}
