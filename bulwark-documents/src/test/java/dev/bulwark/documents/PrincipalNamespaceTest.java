package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.agentRecord;
import static dev.bulwark.documents.Fixtures.delegated;
import static dev.bulwark.documents.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.documents.index.IndexedChunk;
import dev.bulwark.documents.ingest.ChunkPayload;
import dev.bulwark.spi.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agents and users are distinct principals in document ACLs: an agent registered with a user's id reads none of that
 * user's documents, and the reverse; an ACL entry that does not say its kind is refused, and legacy un-kinded index
 * terms grant nothing.
 */
class PrincipalNamespaceTest {
    @TempDir
    Path directory;
    LuceneDocumentStore store;
    DocumentIngestor ingestor;

    @BeforeEach
    void open() throws Exception {
        store = Fixtures.openStore(directory);
        ingestor = new DocumentIngestor(store, List.of());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private List<String> found(Principal caller, String query) throws Exception {
        return store.search(caller, query, 10).chunks().stream().map(RetrievedChunk::documentId).toList();
    }

    @Test
    void anAgentWithAUsersIdDoesNotReadThatUsersOwnerOnlyDocument() throws Exception {
        ingestor.ingest(new IngestRequest("alice-salary", "t", "salary review notes".getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_PLAIN, Map.of(), SourceAcl.none(), Optional.of("user:alice"), Integrity.TRUSTED,
                Confidentiality.CONFIDENTIAL));
        ingestor.ingest(text("alice-acl", "salary bands by acl", new SourceAcl(Set.of("user:alice"), Set.of())));

        // The attack: an agent created with the id "alice".
        assertThat(found(agent("alice"), "salary")).isEmpty();
        // The real user alice, through an agent allowed to read alice's documents, still reads the ACL'd one.
        assertThat(found(delegated(agentRecord("helper"), "alice"), "salary")).isEmpty();
        ingestor.ingest(text("shared", "salary shared", new SourceAcl(Set.of("user:alice", "agent:helper"), Set.of())));
        assertThat(found(delegated(agentRecord("helper"), "alice"), "salary")).containsExactly("shared");
        assertThat(found(delegated(agentRecord("alice"), "mallory"), "salary")).isEmpty();
    }

    @Test
    void aUserWithAnAgentsIdDoesNotGainThatAgentsDocuments() throws Exception {
        ingestor.ingest(text("bot-runbook", "runbook for the bot", new SourceAcl(Set.of("agent:ops-bot",
                "user:carol"), Set.of())));

        assertThat(found(agent("ops-bot"), "runbook")).containsExactly("bot-runbook");
        // A user named ops-bot acting through an agent that holds nothing of its own reads nothing.
        assertThat(found(delegated(agentRecord("carol"), "ops-bot"), "runbook")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "p:alice", "User:alice", "agent:", "user:", "group:hr", "user:bad id", "agent:a:b"})
    void refusesAclEntriesAndOwnersThatDoNotNameTheirKind(String entry) {
        assertThatThrownBy(() -> new SourceAcl(Set.of(entry), Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestRequest("d", "t", new byte[] {'x'}, MediaType.TEXT_PLAIN, Map.of(),
                SourceAcl.none(), Optional.of(entry), Integrity.TRUSTED, Confidentiality.INTERNAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IngestJson.parse(("{\"source_id\": \"d\", \"media_type\": \"text/plain\","
                + " \"content\": \"x\", \"acl\": {\"principals\": [\"" + entry + "\"]}}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRefusalSaysHowToWriteTheEntry() {
        assertThatThrownBy(() -> new SourceAcl(Set.of("alice"), Set.of()))
                .hasMessageContaining("user:alice").hasMessageContaining("agent:alice");
    }

    @Test
    void legacyUnkindedTermsInTheIndexGrantNothingWhileTheirGroupsStillApply() throws Exception {
        // A chunk as an older gateway indexed it: the bare principal term p:<id>, and a group.
        byte[] sealed = store.keys().encrypt(new ChunkPayload("t", "legacy quarterly plan", Map.of()).toBytes(),
                ChunkPayload.associatedData("legacy", 0));
        store.write("legacy", List.of(new IndexedChunk("legacy", 0, "legacy quarterly plan", sealed,
                Set.of("p:alice", "g:planners"), "trusted", "internal", Set.of())));
        store.commit();

        assertThat(found(agent("alice"), "quarterly")).isEmpty();
        assertThat(found(delegated(agentRecord("planner-bot", "planners"), "alice"), "quarterly")).isEmpty();
        assertThat(found(agent("planner-bot", "planners"), "quarterly")).containsExactly("legacy");
    }
}
