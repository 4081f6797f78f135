package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.ConnectorException;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ownership of URIs, templates and prompts across upstreams: first upstream in configuration order wins, each item
 * has one owner, prompt names are mounted behind the upstream's prefix, and a lookup that misses re-lists at most
 * once per {@link FeatureCatalog#MISS_REFRESH}.
 */
class FeatureCatalogTest {
    private static final McpSchema.ServerCapabilities ALL = McpSchema.ServerCapabilities.builder()
            .resources(false, false).prompts(false).build();

    @Test
    void theFirstUpstreamInConfigurationOrderOwnsAConflictingItem() {
        FeatureCatalog catalog = catalog(
                upstream("a", "a.", ALL, List.of("x://shared", "x://only-a"), List.of("x://t/{id}"), List.of("p")),
                upstream("b", "", ALL, List.of("x://shared", "x://only-b"), List.of("x://t/{id}", "y://{+rest}"),
                        List.of("p", "a.p")));
        FeatureCatalog.Snapshot snapshot = catalog.refresh();
        assertThat(snapshot.resources()).containsOnlyKeys("x://shared", "x://only-a", "x://only-b");
        assertThat(snapshot.resources().get("x://shared").upstream()).isEqualTo("a");
        assertThat(snapshot.templates()).extracting(FeatureCatalog.Template::upstream).containsExactly("a", "b");
        // b mounts without prefix: its "p" shows as "p", its "a.p" collides with a's "p" shown as "a.p"
        assertThat(snapshot.prompts()).containsOnlyKeys("a.p", "p");
        assertThat(snapshot.prompts().get("a.p").upstream()).isEqualTo("a");
        assertThat(snapshot.prompts().get("p").upstream()).isEqualTo("b");
        assertThat(snapshot.conflicts()).hasSize(3).allSatisfy(c -> assertThat(c).contains("upstream b"));
    }

    @Test
    void aUriResolvesToItsListedResourceBeforeAnyTemplate() {
        FeatureCatalog catalog = catalog(
                upstream("a", "a.", ALL, List.of(), List.of("x://t/{id}"), List.of()),
                upstream("b", "b.", ALL, List.of("x://t/7"), List.of(), List.of()));
        catalog.refresh();
        assertThat(catalog.resolve("x://t/7")).contains(new FeatureCatalog.Target("b", Subject.resource("x://t/7")));
        assertThat(catalog.resolve("x://t/8")).contains(new FeatureCatalog.Target("a",
                Subject.resource("x://t/{id}")));
        assertThat(catalog.resolve("x://t/8/9")).isEmpty();
        assertThat(catalog.resolve("x://" + "a".repeat(Subject.MAX_ID_CHARS))).isEmpty();
    }

    @Test
    void promptsResolveByTheirMountedNameToTheirOwnName() {
        FeatureCatalog catalog = catalog(upstream("a", "tools/", ALL, List.of(), List.of(), List.of("greet")));
        catalog.refresh();
        assertThat(catalog.prompt("tools/greet")).contains(new FeatureCatalog.PromptTarget("a", "greet",
                Subject.prompt("a.greet")));
        assertThat(catalog.prompt("greet")).isEmpty();
        assertThat(catalog.ownPrompt("a", "greet")).isPresent();
        assertThat(catalog.ownPrompt("b", "greet")).isEmpty();
    }

    @Test
    void upstreamsThatAreDownOrLackTheCapabilityOfferNothing() {
        FeatureCatalog catalog = catalog(
                upstream("down", "down.", null, List.of("x://1"), List.of(), List.of("p")),
                upstream("toolsOnly", "t.", McpSchema.ServerCapabilities.builder().tools(true).build(),
                        List.of("x://2"), List.of(), List.of("q")),
                failing("broken"));
        FeatureCatalog.Snapshot snapshot = catalog.refresh();
        assertThat(snapshot.resources()).isEmpty();
        assertThat(snapshot.prompts()).isEmpty();
    }

    @Test
    void unknownUrisDoNotMakeTheGatewayListUpstreamsOnEveryRequest() {
        AtomicInteger listings = new AtomicInteger();
        Instant[] now = {Instant.parse("2026-12-07T12:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        FeatureCatalog.Listing counted = new Fake(ALL, List.of("x://1"), List.of(), List.of()) {
            @Override
            public List<McpSchema.Resource> resources() throws ConnectorException {
                listings.incrementAndGet();
                return super.resources();
            }
        };
        FeatureCatalog catalog = new FeatureCatalog(List.of(new FeatureCatalog.Upstream("a", "a.", counted)), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(catalog.resolve("x://unknown-" + i)).isEmpty();
        }
        assertThat(listings).hasValue(1);
        now[0] = now[0].plus(FeatureCatalog.MISS_REFRESH);
        assertThat(catalog.resolve("x://unknown")).isEmpty();
        assertThat(listings).hasValue(2);
    }

    private static FeatureCatalog catalog(FeatureCatalog.Upstream... upstreams) {
        return new FeatureCatalog(List.of(upstreams), Clock.systemUTC());
    }

    private static FeatureCatalog.Upstream upstream(String name, String prefix, McpSchema.ServerCapabilities caps,
                                                    List<String> uris, List<String> templates, List<String> prompts) {
        return new FeatureCatalog.Upstream(name, prefix, new Fake(caps, uris, templates, prompts));
    }

    private static FeatureCatalog.Upstream failing(String name) {
        return new FeatureCatalog.Upstream(name, name + ".", new Fake(ALL, List.of(), List.of(), List.of()) {
            @Override
            public List<McpSchema.Resource> resources() throws ConnectorException {
                throw new ConnectorException("upstream " + name + " is unreachable");
            }
        });
    }

    private static class Fake implements FeatureCatalog.Listing {
        private final McpSchema.ServerCapabilities capabilities;
        private final List<String> uris;
        private final List<String> templates;
        private final List<String> prompts;

        Fake(McpSchema.ServerCapabilities capabilities, List<String> uris, List<String> templates,
             List<String> prompts) {
            this.capabilities = capabilities;
            this.uris = uris;
            this.templates = templates;
            this.prompts = prompts;
        }

        @Override
        public McpSchema.ServerCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public List<McpSchema.Resource> resources() throws ConnectorException {
            return uris.stream().map(u -> new McpSchema.Resource(u, u, null, null, null, null, null, null)).toList();
        }

        @Override
        public List<McpSchema.ResourceTemplate> resourceTemplates() {
            return templates.stream().map(t -> new McpSchema.ResourceTemplate(t, t, null, null, null, null)).toList();
        }

        @Override
        public List<McpSchema.Prompt> prompts() {
            return prompts.stream().map(p -> new McpSchema.Prompt(p, null, List.of())).toList();
        }
    }
}
