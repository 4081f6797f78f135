package dev.bulwark.server.gateway;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyOptions;
import dev.bulwark.policy.PolicyValidation;
import dev.bulwark.server.config.BulwarkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads the policy directory, seeding it with the example policies on first start. */
public final class Policies {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Policies.class);
    /** The examples shipped in bulwark-policy, copied into an empty default policy directory. */
    static final List<String> EXAMPLES = List.of("crm-support.cedar", "crm-admin.cedar", "guardrails.cedar",
            "flow.cedar", "relay.cedar");
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
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir, options(config));
        engine.warnings().forEach(w -> LOG.warn("policy warning: {}", w));
        return engine;
    }

    /** Strict validation against Bulwark's schema unless configured otherwise; the extension file if one is set. */
    public static PolicyOptions options(BulwarkConfig config) {
        PolicyOptions options = PolicyOptions.strict()
                .withValidation(PolicyValidation.parse(config.policies().validation()));
        if (options.validation() != PolicyValidation.STRICT) {
            LOG.warn("policies.validation is {}: policies with schema errors load", config.policies().validation());
        }
        return config.policies().schema() == null ? options
                : options.withExtension(Path.of(config.policies().schema()));
    }

    /** Logs policies whose resource scope names a tool or connector the gateway does not have: they never match. */
    static void warnAboutUnknownResources(CedarPolicyEngine engine, java.util.Collection<dev.bulwark.spi.tool.Tool> tools) {
        engine.unknownResources(tools).forEach(w -> LOG.warn("policy warning: {}", w));
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
