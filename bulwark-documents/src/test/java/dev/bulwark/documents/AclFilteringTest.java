package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.agentRecord;
import static dev.bulwark.documents.Fixtures.delegated;
import static dev.bulwark.documents.Fixtures.groups;
import static dev.bulwark.documents.Fixtures.principals;
import static dev.bulwark.documents.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclFilteringTest {
    @TempDir
    Path directory;
    LuceneDocumentStore store;
    DocumentIngestor ingestor;

    @BeforeEach
    void open() throws Exception {
        store = Fixtures.openStore(directory);
        ingestor = new DocumentIngestor(store, List.of(Fixtures.EMAILS));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private List<String> documentsFound(dev.bulwark.spi.identity.Principal caller, String query, int topK)
            throws Exception {
        return store.search(caller, query, topK).chunks().stream().map(RetrievedChunk::documentId).toList();
    }

    @Test
    void principalSeesOnlyItsOwnAndItsGroupsDocuments() throws Exception {
        ingestor.ingest(text("alice-notes", "budget planning notes", principals("agent:alice")));
        ingestor.ingest(text("finance-plan", "budget for the finance team", groups("finance")));
        ingestor.ingest(text("bob-notes", "budget of bob", principals("agent:bob")));
        ingestor.ingest(text("hr-plan", "budget of human resources", groups("hr")));

        assertThat(documentsFound(agent("alice", "finance"), "budget", 10))
                .containsExactlyInAnyOrder("alice-notes", "finance-plan");
        assertThat(documentsFound(agent("bob"), "budget", 10)).containsExactly("bob-notes");
        assertThat(documentsFound(agent("mallory", "guests"), "budget", 10)).isEmpty();
    }

    @Test
    void topKIsFullOfPermittedChunksWhenForbiddenOnesRankHigher() throws Exception {
        List<IngestRequest> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(text("forbidden-" + i, "merger merger merger merger merger merger confidential " + i,
                    principals("agent:ceo")));
        }
        for (int i = 0; i < 25; i++) {
            batch.add(text("allowed-" + i, "a long note that mentions the merger only once among many other words "
                    + "about lunch menus, parking and the office plants number " + i, groups("staff")));
        }
        ingestor.ingestAll(batch);

        List<String> found = documentsFound(agent("intern", "staff"), "merger", 20);

        assertThat(found).hasSize(20).allMatch(id -> id.startsWith("allowed-"));
        assertThat(documentsFound(agent("ceo"), "merger", 20)).hasSize(20).allMatch(id -> id.startsWith("forbidden-"));
    }

    @Test
    void delegatedCallsSeeOnlyWhatBothAgentAndUserMayRead() throws Exception {
        ingestor.ingest(text("user-only", "roadmap for alice", principals("user:alice")));
        ingestor.ingest(text("agent-only", "roadmap for assistants", groups("assistants")));
        ingestor.ingest(text("both", "roadmap shared", new SourceAcl(Set.of("user:alice"), Set.of("assistants"))));
        ingestor.ingest(text("group-both", "roadmap for product",
                new SourceAcl(Set.of(), Set.of("assistants", "product"))));
        Agent assistant = agentRecord("helper-bot", "assistants");

        assertThat(documentsFound(delegated(assistant, "alice"), "roadmap", 10)).containsExactly("both");
        assertThat(documentsFound(delegated(assistant, "alice", "product"), "roadmap", 10))
                .containsExactlyInAnyOrder("both", "group-both");
        assertThat(documentsFound(agent("helper-bot", "assistants"), "roadmap", 10))
                .containsExactlyInAnyOrder("agent-only", "both", "group-both");
        assertThat(documentsFound(delegated(agentRecord("other-bot"), "alice"), "roadmap", 10)).isEmpty();
    }

    @Test
    void documentWithoutAclIsReadableByItsOwnerOnly() throws Exception {
        ingestor.ingest(new IngestRequest("private-draft", "draft", "salary draft".getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_PLAIN, Map.of(), SourceAcl.none(), Optional.of("agent:alice"), Integrity.UNTRUSTED,
                Confidentiality.CONFIDENTIAL));

        assertThat(documentsFound(agent("alice"), "salary", 10)).containsExactly("private-draft");
        assertThat(documentsFound(agent("bob", "alice", "admins"), "salary", 10)).isEmpty();
    }

    @Test
    void documentWithoutAclOrOwnerIsRefused() {
        assertThatThrownBy(() -> ingestor.ingest(text("orphan", "nobody owns this", SourceAcl.none())))
                .isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.MISSING_ACL));
    }

    @Test
    void rejectPolicyRefusesDocumentsWithoutAclEvenWithAnOwner(@TempDir Path other) throws Exception {
        try (LuceneDocumentStore strict = LuceneDocumentStore.open(
                DocumentsConfig.defaults(other).withMissingAcl(MissingAclPolicy.REJECT))) {
            DocumentIngestor strictIngestor = new DocumentIngestor(strict, List.of());
            IngestRequest owned = new IngestRequest("owned", "t", "text".getBytes(StandardCharsets.UTF_8),
                    MediaType.TEXT_PLAIN, Map.of(), SourceAcl.none(), Optional.of("user:alice"), Integrity.TRUSTED,
                    Confidentiality.INTERNAL);

            assertThatThrownBy(() -> strictIngestor.ingest(owned)).isInstanceOfSatisfying(IngestException.class,
                    e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.MISSING_ACL));
            assertThat(strict.chunkCount()).isZero();
        }
    }

    @Test
    void queryTextCannotUseLuceneSyntaxToReachForbiddenDocuments() throws Exception {
        ingestor.ingest(text("secret", "the launch codes are secret", principals("agent:ceo")));
        ingestor.ingest(text("public", "the cafeteria menu", groups("staff")));
        var intern = agent("intern", "staff");

        assertThatThrownBy(() -> store.search(intern, "*:*", 10)).hasMessageContaining("no searchable terms");
        for (String attack : List.of("acl:p\\:ceo", "acl:agent\\:ceo", "agent:ceo", "secret OR acl:*", "text:secret^100", "codes~2",
                "(((\"unbalanced", "acl:g\\:staff AND secret", "doc:secret", "la*", "[a TO z]", "launch codes")) {
            assertThat(documentsFound(intern, attack, 50)).as(attack).doesNotContain("secret");
        }
        assertThat(documentsFound(intern, "cafeteria OR *:*", 50)).containsExactly("public");
    }

    @Test
    void emptyAndStopWordOnlyQueriesAreRefused() {
        var caller = agent("alice");
        for (String query : List.of("", "   ", "the and of", "!!! ??? ***")) {
            assertThatThrownBy(() -> store.search(caller, query, 10)).as(query)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no searchable terms");
        }
        assertThatThrownBy(() -> store.search(caller, "budget", 51)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(caller, "budget", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(caller, "x".repeat(1001), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
