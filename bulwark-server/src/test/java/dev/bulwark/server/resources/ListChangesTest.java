package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Which upstream list changes reach agents, and how often. */
class ListChangesTest {
    private static final String RESOURCES = McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED;
    private static final String PROMPTS = McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final ListChanges changes = new ListChanges();

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
        changes.changed(PROMPTS);
        changes.changed("notifications/tools/list_changed");
        changes.changed("notifications/anything");
        Thread.sleep(ListChanges.COALESCE.toMillis() * 2);
        assertThat(sent).isEmpty();
    }

    @Test
    void aBurstBecomesOneNotificationPerFeature() throws Exception {
        changes.advertise(java.util.Arrays.asList((McpSchema.ServerCapabilities) null));
        for (int i = 0; i < 1_000; i++) {
            changes.changed(RESOURCES);
            changes.changed(PROMPTS);
        }
        Thread.sleep(ListChanges.COALESCE.toMillis() * 3);
        assertThat(sent).containsExactlyInAnyOrder(RESOURCES, PROMPTS);
    }

    @Test
    void unknownMethodsAreNotListChanges() {
        assertThatThrownBy(() -> ListChanges.declared(McpSchema.ServerCapabilities.builder().build(),
                "notifications/tools/list_changed")).isInstanceOf(IllegalArgumentException.class);
    }

    private final class Recording implements McpStreamableServerTransportProvider {
        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.fromRunnable(() -> sent.add(method));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
