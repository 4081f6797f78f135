package dev.bulwark.documents.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Chunks in one Lucene index directory, one Lucene document per chunk. The text field is indexed for BM25 and never
 * stored; the stored fields hold the ciphertext, the ACL terms and the labels. Writes become visible to searches at
 * {@link #commit()}.
 */
public final class LuceneChunkIndex implements AutoCloseable {
    static final String TEXT = "text";
    private static final String DOCUMENT = "doc";
    private static final String CHUNK = "chunk";
    private static final String ORDINAL = "ordinal";
    private static final String CIPHERTEXT = "cipher";
    private static final String INTEGRITY = "integrity";
    private static final String CONFIDENTIALITY = "confidentiality";
    private static final String PII = "pii";

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneChunkIndex(Directory directory, Analyzer analyzer, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.analyzer = analyzer;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens the index in {@code path}, creating it when absent. */
    public static LuceneChunkIndex open(Path path) throws IOException {
        Directory directory = FSDirectory.open(path);
        Analyzer analyzer = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setUseCompoundFile(false);
        // Separate files keep stored fields (ciphertext only) apart from the term index, so each can be audited.
        config.getMergePolicy().setNoCFSRatio(0.0);
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, config);
            return new LuceneChunkIndex(directory, analyzer, writer);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** Replaces all chunks of a document atomically (the old chunks are deleted in the same operation). */
    public void replaceDocument(String documentId, List<IndexedChunk> chunks) throws IOException {
        List<Document> documents = new ArrayList<>(chunks.size());
        for (IndexedChunk chunk : chunks) {
            if (!chunk.documentId().equals(documentId)) {
                throw new IllegalArgumentException("chunk of " + chunk.documentId() + " given for " + documentId);
            }
            documents.add(toLucene(chunk));
        }
        writer.updateDocuments(new Term(DOCUMENT, documentId), documents);
    }

    /** Replaces one chunk, e.g. after re-encrypting it. */
    public void replaceChunk(IndexedChunk chunk) throws IOException {
        writer.updateDocument(new Term(CHUNK, chunkKey(chunk.documentId(), chunk.ordinal())), toLucene(chunk));
    }

    public boolean contains(String documentId) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(new TermQuery(new Term(DOCUMENT, documentId))) > 0;
        } finally {
            searchers.release(searcher);
        }
    }

    public void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * The best {@code topK} chunks for {@code textQuery} among those matching {@code accessFilter}. The filter is a
     * clause of the query itself, so the ranking only ever sees permitted chunks, and the ranking statistics are
     * counted over permitted chunks only ({@link ReadableChunkStatistics}), so scores say nothing of the others.
     */
    public List<ChunkHit> search(Query textQuery, Query accessFilter, int topK) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(textQuery, BooleanClause.Occur.MUST)
                .add(accessFilter, BooleanClause.Occur.FILTER)
                .build();
        IndexSearcher shared = searchers.acquire();
        try {
            IndexSearcher searcher = ReadableChunkStatistics.of(shared, accessFilter);
            TopDocs top = searcher.search(query, topK);
            StoredFields stored = searcher.storedFields();
            List<ChunkHit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc scoreDoc : top.scoreDocs) {
                StoredChunk chunk = fromLucene(stored.document(scoreDoc.doc));
                hits.add(new ChunkHit(chunk.documentId(), chunk.ordinal(), scoreDoc.score, chunk.ciphertext(),
                        chunk.integrity(), chunk.confidentiality(), chunk.piiTypes()));
            }
            return hits;
        } finally {
            searchers.release(shared);
        }
    }

    /** Every live chunk, for re-encryption. Reads one point-in-time view; later writes are not seen. */
    public List<StoredChunk> chunksWhere(Predicate<StoredChunk> wanted) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            List<StoredChunk> out = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        StoredChunk chunk = fromLucene(stored.document(doc));
                        if (wanted.test(chunk)) {
                            out.add(chunk);
                        }
                    }
                }
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    public int chunkCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Every label value present in the index (integrity, confidentiality, PII types). Terms of deleted chunks may
     * linger until segments merge, so this can be a superset, never a subset.
     */
    public Set<String> labelValues(String field) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> values = new TreeSet<>();
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), field);
            if (terms != null) {
                TermsEnum iterator = terms.iterator();
                for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                    values.add(term.utf8ToString());
                }
            }
            return values;
        } finally {
            searchers.release(searcher);
        }
    }

    public static String integrityField() {
        return INTEGRITY;
    }

    public static String confidentialityField() {
        return CONFIDENTIALITY;
    }

    public static String piiField() {
        return PII;
    }

    private static String chunkKey(String documentId, int ordinal) {
        return documentId + "#" + ordinal;
    }

    private static Document toLucene(IndexedChunk chunk) {
        Document document = new Document();
        document.add(new StringField(DOCUMENT, chunk.documentId(), Field.Store.YES));
        document.add(new StringField(CHUNK, chunkKey(chunk.documentId(), chunk.ordinal()), Field.Store.NO));
        document.add(new StoredField(ORDINAL, chunk.ordinal()));
        document.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
        document.add(new StoredField(CIPHERTEXT, new BytesRef(chunk.ciphertext())));
        for (String term : chunk.aclTerms()) {
            document.add(new StringField(AccessTerms.FIELD, term, Field.Store.YES));
        }
        document.add(new StringField(INTEGRITY, chunk.integrity(), Field.Store.YES));
        document.add(new StringField(CONFIDENTIALITY, chunk.confidentiality(), Field.Store.YES));
        for (String type : chunk.piiTypes()) {
            document.add(new StringField(PII, type, Field.Store.YES));
        }
        return document;
    }

    private static StoredChunk fromLucene(Document document) {
        BytesRef cipher = document.getBinaryValue(CIPHERTEXT);
        byte[] ciphertext = cipher == null ? new byte[0]
                : Arrays.copyOfRange(cipher.bytes, cipher.offset, cipher.offset + cipher.length);
        IndexableField ordinal = document.getField(ORDINAL);
        return new StoredChunk(document.get(DOCUMENT), ordinal == null ? -1 : ordinal.numericValue().intValue(),
                ciphertext, values(document, AccessTerms.FIELD), document.get(INTEGRITY),
                document.get(CONFIDENTIALITY), values(document, PII));
    }

    private static Set<String> values(Document document, String field) {
        return new LinkedHashSet<>(List.of(document.getValues(field)));
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
        analyzer.close();
    }
}
