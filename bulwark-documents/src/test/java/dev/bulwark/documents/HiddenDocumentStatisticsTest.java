package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.delegated;
import static dev.bulwark.documents.Fixtures.agentRecord;
import static dev.bulwark.documents.Fixtures.groups;
import static dev.bulwark.documents.Fixtures.principals;
import static dev.bulwark.documents.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranking statistics (how many chunks hold a word, how long chunks are) are those of the chunks the caller may read:
 * the scores and order a caller sees are the same whatever documents it may not read contain, so a search cannot
 * count hidden documents that mention a word (red team round 2: the BM25 score of a readable chunk fell as hidden
 * chunks with the query word were added).
 */
class HiddenDocumentStatisticsTest {
    private static final List<IngestRequest> READABLE = List.of(
            text("menu", "the cafeteria menu mentions the merger once among lunch and parking notes", groups("staff")),
            text("plants", "office plants need water on monday and the parking garage closes early", groups("staff")),
            text("own", "my merger questions for the town hall", principals("agent:intern")));

    @Test
    void scoresAndOrderOfReadableChunksDoNotDependOnHiddenOnes(@TempDir Path without, @TempDir Path with)
            throws Exception {
        List<String> plain = results(without, List.of(), agent("intern", "staff"), "merger parking");
        List<IngestRequest> hidden = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hidden.add(text("board-" + i, "merger merger merger with Northwind board minutes " + i + " parking",
                    principals("agent:ceo")));
        }
        hidden.add(text("hr", "a very long human resources policy document about leave, pay and the merger "
                + "timeline and many other words that make this chunk long", groups("hr")));
        List<String> withHidden = results(with, hidden, agent("intern", "staff"), "merger parking");

        assertThat(withHidden).isEqualTo(plain);
    }

    @Test
    void delegatedSearchesCountOnlyWhatBothAgentAndUserMayRead(@TempDir Path without, @TempDir Path with)
            throws Exception {
        Principal caller = delegated(agentRecord("helper", "staff"), "alice", "staff");
        List<String> plain = results(without, List.of(), caller, "merger");
        List<IngestRequest> agentOnly = List.of(text("agent-only", "merger merger merger", principals("agent:helper")),
                text("user-only", "merger merger", principals("user:alice")));

        assertThat(results(with, agentOnly, caller, "merger")).isEqualTo(plain);
    }

    /** document id and score of each result, in order, for a store holding the readable chunks and {@code extra}. */
    private static List<String> results(Path directory, List<IngestRequest> extra, Principal caller, String query)
            throws Exception {
        try (LuceneDocumentStore store = Fixtures.openStore(directory)) {
            DocumentIngestor ingestor = new DocumentIngestor(store, List.of(Fixtures.EMAILS));
            List<IngestRequest> all = new ArrayList<>(READABLE);
            all.addAll(extra);
            ingestor.ingestAll(all);
            return store.search(caller, query, 10).chunks().stream()
                    .map(c -> c.documentId() + "@" + c.score()).toList();
        }
    }
}
