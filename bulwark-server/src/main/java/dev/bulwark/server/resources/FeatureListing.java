package dev.bulwark.server.resources;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the upstreams' resource, template and prompt lists show a principal: only the items policy may permit it
 * ({@link PolicyEngine#mayList(Principal, Tool, Subject)}), asked as of the owning upstream's {@link FeatureConnector}
 * tools. An item that cannot be asked about is not shown (fail closed).
 */
final class FeatureListing {
    private final FeatureCatalog catalog;
    private final Map<String, FeatureConnector> connectors;
    private final PolicyEngine policies;

    FeatureListing(FeatureCatalog catalog, Map<String, FeatureConnector> connectors, PolicyEngine policies) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.policies = policies;
    }

    /** The resources of every upstream that policy may let {@code principal} read; none without a principal. */
    McpSchema.ListResourcesResult resources(Principal principal) {
        return resources(principal, catalog.refresh());
    }

    /** The resource templates policy may let {@code principal} read from. */
    McpSchema.ListResourceTemplatesResult templates(Principal principal) {
        return templates(principal, catalog.refresh());
    }

    /** The prompts policy may let {@code principal} get, under their mounted names. */
    McpSchema.ListPromptsResult prompts(Principal principal) {
        return prompts(principal, catalog.refresh());
    }

    /**
     * A digest of what one list shows {@code principal} of {@code listed}: equal digests, equal lists (every field of
     * every shown item, in order).
     */
    String digest(ListChanges.Shown list, Principal principal, FeatureCatalog.Snapshot listed) {
        return digest(switch (list) {
            case RESOURCES -> resources(principal, listed).resources();
            case TEMPLATES -> templates(principal, listed).resourceTemplates();
            case PROMPTS -> prompts(principal, listed).prompts();
        });
    }

    /** A digest of shown items (SHA-256 of their record text, one per line). */
    static String digest(List<?> items) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Object item : items) {
                sha.update(String.valueOf(item).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    McpSchema.ListResourcesResult resources(Principal principal, FeatureCatalog.Snapshot listed) {
        List<McpSchema.Resource> shown = new ArrayList<>();
        if (principal != null) {
            listed.resources().forEach((uri, owned) -> {
                if (listable(principal, connectors.get(owned.upstream()), uri)) {
                    shown.add(owned.item());
                }
            });
        }
        return new McpSchema.ListResourcesResult(shown, null);
    }

    McpSchema.ListResourceTemplatesResult templates(Principal principal, FeatureCatalog.Snapshot listed) {
        List<McpSchema.ResourceTemplate> shown = new ArrayList<>();
        if (principal != null) {
            for (FeatureCatalog.Template t : listed.templates()) {
                if (listable(principal, connectors.get(t.upstream()), t.item().uriTemplate())) {
                    shown.add(t.item());
                }
            }
        }
        return new McpSchema.ListResourceTemplatesResult(shown, null);
    }

    McpSchema.ListPromptsResult prompts(Principal principal, FeatureCatalog.Snapshot listed) {
        List<McpSchema.Prompt> shown = new ArrayList<>();
        if (principal != null) {
            listed.prompts().forEach((name, owned) -> {
                FeatureConnector connector = connectors.get(owned.upstream());
                McpSchema.Prompt p = owned.item();
                if (connector != null && mayList(principal, connector.promptTool(),
                        () -> Subject.prompt(owned.upstream() + "." + p.name()))) {
                    shown.add(new McpSchema.Prompt(name, p.title(), p.description(), p.arguments(), p.meta(),
                            p.icons()));
                }
            });
        }
        return new McpSchema.ListPromptsResult(shown, null);
    }

    private boolean listable(Principal principal, FeatureConnector connector, String uriOrTemplate) {
        return connector != null && mayList(principal, connector.readTool(), () -> Subject.resource(uriOrTemplate));
    }

    /** Fail closed: an item whose id cannot be a subject (too long, control characters) is not shown. */
    private boolean mayList(Principal principal, Tool tool, java.util.function.Supplier<Subject> subject) {
        try {
            return policies.mayList(principal, tool, subject.get());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
