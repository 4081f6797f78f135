package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Which upstream list changes reach which agent sessions, and how often: only sessions whose principal's filtered list
 * changed are told, at most once per feature per coalescing window.
 */
class ListChangesTest {
    private static final String RESOURCES = McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED;
    private static final String PROMPTS = McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED;
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Principal READER = principal("reader", null);
    private static final Principal OUTSIDER = principal("outsider", null);
    private static final Principal READER_FOR_ALICE = principal("reader", "alice");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    /** What each principal (agent|user) is shown, per list; absent: nothing. */
    private final Map<String, String> visible = new ConcurrentHashMap<>();
    private final AtomicInteger listings = new AtomicInteger();
    private final ListChanges changes = new ListChanges(new ListChanges.Views() {
        @Override
        public ListChanges.Digests afresh() {
            listings.incrementAndGet();
            return this::digest;
        }

        @Override
        public ListChanges.Digests cached() {
            return this::digest;
        }

        private String digest(ListChanges.Shown list, Principal principal) {
            return list + ":" + visible.getOrDefault(list + "/" + dev.bulwark.server.http.SessionBindings
                    .ownerOf(principal), "");
        }
    }, new ListWatchers());

    ListChangesTest() {
        changes.notifying(new Recording());
    }

    @Test
    void onlyTheListChangesSomeUpstreamDeclaresAreAdvertised() {
        var resourcesOnly = McpSchema.ServerCapabilities.builder().resources(false, true).prompts(false).build();
        var none = McpSchema.ServerCapabilities.builder().tools(true).build();
        assertThat(changes.advertise(List.of(resourcesOnly, none))).containsExactly(RESOURCES);
        assertThat(changes.advertise(List.of(none))).isEmpty();
        // an upstream not connected yet may declare them
        assertThat(changes.advertise(java.util.Arrays.asList(none, null))).containsExactlyInAnyOrder(RESOURCES,
                PROMPTS);
    }

    @Test
    void aChangeNotAdvertisedIsNeverPassedOn() throws Exception {
        changes.advertise(List.of(McpSchema.ServerCapabilities.builder().resources(false, true).build()));
        changes.connected("s1", READER);
        visible.put("PROMPTS/reader|", "new prompt");
        changes.changed(PROMPTS);
        changes.changed("notifications/tools/list_changed");
        changes.changed("notifications/anything");
        Thread.sleep(ListChanges.COALESCE.toMillis() * 2);
        assertThat(sent).isEmpty();
    }

    @Test
    void onlySessionsOfAPrincipalWhoseListChangedAreTold() throws Exception {
        advertiseAll();
        changes.connected("reader-1", READER);
        changes.connected("reader-2", READER);
        changes.connected("outsider-1", OUTSIDER);
        changes.connected("alice-1", READER_FOR_ALICE);

        visible.put("PROMPTS/reader|", "greet,farewell");
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        // the same agent acting for alice is another principal: its list did not change
        assertThat(sent).containsExactlyInAnyOrder("reader-1 " + PROMPTS, "reader-2 " + PROMPTS);

        sent.clear();
        changes.changed(PROMPTS); // nothing changed for anyone since
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).isEmpty();
    }

    @Test
    void aTemplateChangeIsAResourceListChange() throws Exception {
        advertiseAll();
        changes.connected("s1", READER);
        visible.put("TEMPLATES/reader|", "note://{id}");
        changes.changed(RESOURCES);
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).containsExactly("s1 " + RESOURCES);
    }

    @Test
    void whatAPrincipalListedIsTheBaseline() throws Exception {
        advertiseAll();
        changes.connected("s1", READER);
        visible.put("PROMPTS/reader|", "greet");
        // the agent listed after the upstream changed and before the round: it already saw the change
        changes.shown("s1", READER, ListChanges.Shown.PROMPTS, "PROMPTS:greet");
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).isEmpty();
        // a session first seen when it lists is registered then
        visible.put("PROMPTS/outsider|", "x");
        changes.shown("s2", OUTSIDER, ListChanges.Shown.PROMPTS, "PROMPTS:");
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).containsExactly("s2 " + PROMPTS);
    }

    @Test
    void aBurstBecomesOneRoundPerFeature() throws Exception {
        advertiseAll();
        changes.connected("s1", READER);
        visible.put("RESOURCES/reader|", "a");
        visible.put("PROMPTS/reader|", "b");
        for (int i = 0; i < 1_000; i++) {
            changes.changed(RESOURCES);
            changes.changed(PROMPTS);
        }
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).containsExactlyInAnyOrder("s1 " + RESOURCES, "s1 " + PROMPTS);
        assertThat(listings).hasValue(2);
    }

    @Test
    void withoutConnectedSessionsNoUpstreamIsListed() throws Exception {
        advertiseAll();
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 2);
        assertThat(listings).hasValue(0);
        assertThat(sent).isEmpty();
    }

    @Test
    void hostileOrMissingSessionsAndPrincipalsAreIgnored() throws Exception {
        advertiseAll();
        changes.connected(null, READER);
        changes.connected("s1", null);
        changes.shown(null, READER, ListChanges.Shown.PROMPTS, "x");
        changes.shown("s2", null, ListChanges.Shown.PROMPTS, "x");
        visible.put("PROMPTS/reader|", "changed");
        changes.changed(PROMPTS);
        Thread.sleep(ListChanges.COALESCE.toMillis() * 2);
        assertThat(sent).isEmpty();
    }

    @Test
    void unknownMethodsAreNotListChanges() {
        assertThatThrownBy(() -> ListChanges.declared(McpSchema.ServerCapabilities.builder().build(),
                "notifications/tools/list_changed")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void watchersAreBoundedAndAPrincipalWithoutDigestsIsAlwaysTold() {
        ListWatchers watchers = new ListWatchers(3, 2);
        for (int i = 0; i < 10; i++) {
            watchers.connected("s" + i, principal("agent-" + i, null), Map.of(ListChanges.Shown.PROMPTS, "d"));
        }
        assertThat(watchers.sessions()).isEqualTo(3);
        assertThat(watchers.principals()).isEqualTo(2);
        assertThat(watchers.sessionsByOwner()).containsOnlyKeys("agent-7|", "agent-8|", "agent-9|");
        // agent-7's digests were dropped by the bound: its list counts as changed
        assertThat(watchers.principal("agent-7|")).isNull();
        assertThat(watchers.changed("agent-7|", ListChanges.Shown.PROMPTS, "d")).isTrue();
        assertThat(watchers.changed("agent-9|", ListChanges.Shown.PROMPTS, "d")).isFalse();
        assertThat(watchers.changed("agent-9|", ListChanges.Shown.PROMPTS, "e")).isTrue();
        // a session id is held only by the principal that connected it
        assertThat(watchers.holds("s9", principal("agent-9", null))).isTrue();
        assertThat(watchers.holds("s9", principal("agent-9", "alice"))).isFalse();
    }

    private void advertiseAll() {
        changes.advertise(java.util.Arrays.asList((McpSchema.ServerCapabilities) null));
    }

    private static Principal principal(String agent, String user) {
        return new Principal(new Agent(agent, "o@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE, NOW),
                Optional.ofNullable(user).map(u -> new User(u, Set.of(), Map.of())), "t-" + agent, Set.of(),
                NOW.plusSeconds(600));
    }

    private final class Recording implements McpStreamableServerTransportProvider {
        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.fromRunnable(() -> sent.add("everyone " + method));
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return Mono.fromRunnable(() -> sent.add(sessionId + " " + method));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
