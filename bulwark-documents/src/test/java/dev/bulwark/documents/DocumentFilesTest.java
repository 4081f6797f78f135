package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.groups;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFilesTest {
    @TempDir
    Path data;
    @TempDir
    Path tree;

    @Test
    void ingestsSupportedFilesOfATreeAndReportsTheRest() throws Exception {
        Files.createDirectories(tree.resolve("hr"));
        Files.writeString(tree.resolve("hr/leave policy.md"), "# Leave\n\nTwenty-five days of leave.");
        Files.writeString(tree.resolve("page.html"), "<p>Leave calendar</p><script>x()</script>");
        Files.writeString(tree.resolve("notes.txt"), "leave notes");
        Files.write(tree.resolve("image.png"), new byte[] {1, 2, 3});
        Files.write(tree.resolve("huge.txt"), new byte[2000]);
        Files.createSymbolicLink(tree.resolve("link.txt"), tree.resolve("notes.txt"));

        try (LuceneDocumentStore store = LuceneDocumentStore.open(
                DocumentsConfig.defaults(data).withMaxDocumentBytes(1000))) {
            List<IngestOutcome> outcomes = new DocumentIngestor(store, List.of())
                    .ingestFiles(tree, DocumentTemplate.external("share:", groups("staff")));

            assertThat(outcomes).filteredOn(o -> o instanceof IngestOutcome.Ingested).extracting(IngestOutcome::sourceId)
                    .containsExactlyInAnyOrder("share:hr/leave_policy.md", "share:page.html", "share:notes.txt");
            assertThat(outcomes).filteredOn(o -> o instanceof IngestOutcome.Refused)
                    .extracting(o -> ((IngestOutcome.Refused) o).reason())
                    .containsExactlyInAnyOrder(IngestException.Reason.UNSUPPORTED_TYPE,
                            IngestException.Reason.TOO_LARGE);
            List<RetrievedChunk> found = store.search(agent("sam", "staff"), "leave", 10).chunks();
            assertThat(found).hasSize(3);
            assertThat(found).filteredOn(c -> c.documentId().equals("share:hr/leave_policy.md")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.metadata()).containsEntry("path", "hr/leave policy.md");
                        assertThat(c.title()).isEqualTo("leave policy.md");
                    });
            assertThat(found).noneSatisfy(c -> assertThat(c.text()).contains("x()"));
        }
    }
}
