package dev.bulwark.server.gateway;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.server.config.BulwarkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads the policy directory, seeding it with the example policies on first start. */
final class Policies {
    /** The examples shipped in bulwark-policy, copied into an empty default policy directory. */
    static final List<String> EXAMPLES = List.of("crm-support.cedar", "crm-admin.cedar", "guardrails.cedar");
    /** The server's own examples for its demo document store. */
    static final List<String> SERVER_EXAMPLES = List.of("documents.cedar", "sales.cedar");

    private Policies() {}

    static CedarPolicyEngine load(BulwarkConfig config) throws IOException {
        Path dir = config.policyDir();
        if (config.policies().dir() == null && !Files.exists(dir)) {
            seed(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("policy directory " + dir + " does not exist");
        }
        return config.policies().schema() == null ? CedarPolicyEngine.load(dir)
                : CedarPolicyEngine.load(dir, Path.of(config.policies().schema()));
    }

    static void seed(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : java.util.stream.Stream.concat(EXAMPLES.stream(), SERVER_EXAMPLES.stream()).toList()) {
            try (InputStream in = Policies.class.getResourceAsStream("/examples/" + name)) {
                if (in == null) {
                    throw new IOException("example policy " + name + " is missing from the build");
                }
                Files.copy(in, dir.resolve(name));
            }
        }
    }
}
