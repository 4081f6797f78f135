package dev.bulwark.documents;

import dev.bulwark.documents.crypto.ChunkDecryptionException;
import dev.bulwark.documents.crypto.ChunkKeys;
import dev.bulwark.documents.index.AccessTerms;
import dev.bulwark.documents.index.ChunkHit;
import dev.bulwark.documents.index.IndexedChunk;
import dev.bulwark.documents.index.LuceneChunkIndex;
import dev.bulwark.documents.index.SafeQuery;
import dev.bulwark.documents.index.StoredChunk;
import dev.bulwark.documents.ingest.ChunkPayload;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * The document store of the embedded default: a Lucene index of encrypted chunks plus the key set sealing them.
 * Thread-safe; searches run concurrently with ingestion and see documents once their ingestion has committed.
 */
public final class LuceneDocumentStore implements AutoCloseable {
    public static final int MAX_TOP_K = 50;
    public static final int MAX_QUERY_CHARS = 1000;

    private final DocumentsConfig config;
    private final LuceneChunkIndex index;
    private final ChunkKeys keys;
    private volatile Set<String> labelsInIndex;

    private LuceneDocumentStore(DocumentsConfig config, LuceneChunkIndex index, ChunkKeys keys) throws IOException {
        this.config = config;
        this.index = index;
        this.keys = keys;
        this.labelsInIndex = readLabels();
    }

    /** Opens (creating when absent) the index directory and the key set file named by the configuration. */
    public static LuceneDocumentStore open(DocumentsConfig config) throws IOException {
        Checks.present(config, "config");
        ChunkKeys keys = ChunkKeys.openOrCreate(config.keysetFile());
        Files.createDirectories(config.indexDirectory());
        LuceneChunkIndex index = LuceneChunkIndex.open(config.indexDirectory());
        try {
            return new LuceneDocumentStore(config, index, keys);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    public DocumentsConfig config() {
        return config;
    }

    /**
     * The best {@code topK} chunks for the query among those the caller may read. The ACL filter is a clause of the
     * Lucene query, so forbidden chunks never take a place in the top k and no count reveals them.
     *
     * @throws IllegalArgumentException for a blank or over-long query, a query without searchable terms, or a
     *                                  {@code topK} outside 1..50
     */
    public SearchOutcome search(Principal caller, String query, int topK) throws IOException {
        Checks.present(caller, "caller");
        Checks.present(query, "query");
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("top_k must be between 1 and " + MAX_TOP_K);
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        Query textQuery = SafeQuery.of(query, index.analyzer())
                .orElseThrow(() -> new IllegalArgumentException("query has no searchable terms"));
        List<RetrievedChunk> chunks = new ArrayList<>();
        List<SearchOutcome.WithheldChunk> withheld = new ArrayList<>();
        for (ChunkHit hit : index.search(textQuery, AccessTerms.filterFor(caller), topK)) {
            try {
                chunks.add(open(hit));
            } catch (ChunkDecryptionException | IllegalArgumentException e) {
                withheld.add(new SearchOutcome.WithheldChunk(hit.documentId(), hit.ordinal(),
                        "stored ciphertext failed authentication; chunk withheld"));
            }
        }
        return new SearchOutcome(chunks, withheld);
    }

    private RetrievedChunk open(ChunkHit hit) throws ChunkDecryptionException {
        byte[] plaintext = keys.decrypt(hit.ciphertext(), ChunkPayload.associatedData(hit.documentId(), hit.ordinal()));
        ChunkPayload payload = ChunkPayload.fromBytes(plaintext);
        return new RetrievedChunk(hit.documentId(), hit.ordinal(), hit.score(), payload.title(), payload.text(),
                payload.metadata(), Integrity.fromLabel(hit.integrity()),
                Confidentiality.fromLabel(hit.confidentiality()), hit.piiTypes());
    }

    /** Adds a new primary key; chunks written from now on use it, older chunks still decrypt with their key. */
    public int rotateKey() throws IOException {
        return keys.rotate();
    }

    /**
     * Re-encrypts every chunk not sealed by the primary key. Chunks that fail authentication are reported and left
     * as they are, never re-sealed (that would launder tampered data into valid ciphertext).
     */
    public synchronized ReencryptionReport reencrypt() throws IOException {
        int primary = keys.primaryKeyId();
        int total = index.chunkCount();
        List<StoredChunk> stale = index.chunksWhere(c -> ChunkKeys.keyIdOf(c.ciphertext()) != primary);
        List<String> failed = new ArrayList<>();
        int rewritten = 0;
        for (StoredChunk chunk : stale) {
            byte[] associatedData = ChunkPayload.associatedData(chunk.documentId(), chunk.ordinal());
            try {
                byte[] plaintext = keys.decrypt(chunk.ciphertext(), associatedData);
                String text = ChunkPayload.fromBytes(plaintext).text();
                index.replaceChunk(chunk.withCiphertext(keys.encrypt(plaintext, associatedData), text));
                rewritten++;
            } catch (ChunkDecryptionException | IllegalArgumentException e) {
                failed.add(chunk.documentId() + "#" + chunk.ordinal());
            }
        }
        index.commit();
        return new ReencryptionReport(rewritten, total - stale.size(), failed);
    }

    public int chunkCount() throws IOException {
        return index.chunkCount();
    }

    /** Every label some stored chunk carries; the declared output labels of the search tool. */
    public Set<String> labelsInIndex() {
        return labelsInIndex;
    }

    synchronized boolean write(String documentId, List<IndexedChunk> chunks) throws IOException {
        boolean existed = index.contains(documentId);
        index.replaceDocument(documentId, chunks);
        return existed;
    }

    synchronized void commit() throws IOException {
        index.commit();
        labelsInIndex = readLabels();
    }

    ChunkKeys keys() {
        return keys;
    }

    LuceneChunkIndex index() {
        return index;
    }

    private Set<String> readLabels() throws IOException {
        Set<String> labels = new LinkedHashSet<>();
        for (String integrity : index.labelValues(LuceneChunkIndex.integrityField())) {
            if (integrity.equals(Integrity.UNTRUSTED.label())) {
                labels.add(integrity);
            }
        }
        labels.addAll(index.labelValues(LuceneChunkIndex.confidentialityField()));
        Set<String> pii = index.labelValues(LuceneChunkIndex.piiField());
        if (!pii.isEmpty()) {
            labels.add("pii");
            pii.forEach(type -> labels.add("pii:" + type));
        }
        return Set.copyOf(labels);
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
