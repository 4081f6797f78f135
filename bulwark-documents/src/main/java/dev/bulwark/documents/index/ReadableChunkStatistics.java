package dev.bulwark.documents.index;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SmallFloat;

/**
 * A searcher whose ranking statistics are those of the chunks one caller may read. BM25 weighs a word by how many
 * chunks of the collection hold it and a chunk's length against the collection's average; taken over the whole index,
 * both count chunks the caller may not read, so the scores (and even the order) of the caller's own results would
 * tell how many hidden chunks mention a word. Here a word's chunk and occurrence counts, the number of chunks and
 * their total length are counted over the readable chunks only (lengths as the index's norms encode them, as BM25
 * reads them), so a caller's results are the same whatever it cannot read contains. Costs a pass over the readable
 * chunks per reader, filter and field (remembered for the next searches), and per query word a pass over its
 * postings or, when few chunks are readable, a skip to each readable chunk.
 */
final class ReadableChunkStatistics extends IndexSearcher {
    /** Searches run by one principal in a row reuse the readable set of their reader and filter. */
    private static final int REMEMBERED = 32;
    private static final Map<List<Object>, Readable> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Readable> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Readable (and live) documents of each leaf, by leaf ordinal, and the collection statistics counted so far. */
    private record Readable(FixedBitSet[] leaves, int[] counts, boolean everything,
                            Map<String, CollectionStatistics> collections) {}

    private final Readable readable;
    /** Below one readable chunk in this many postings, postings are skipped to readable chunks, not read through. */
    private static final int SPARSE = 16;

    private ReadableChunkStatistics(IndexSearcher base, Readable readable) {
        super(base.getIndexReader());
        setSimilarity(base.getSimilarity());
        this.readable = readable;
    }

    /**
     * A searcher over {@code base}'s reader counting only the documents {@code accessFilter} selects. The readable set
     * is remembered per reader (a refreshed reader is another key) and filter, for the next searches of the same
     * principal.
     */
    static IndexSearcher of(IndexSearcher base, Query accessFilter) throws IOException {
        IndexReader reader = base.getIndexReader();
        Object version = reader.getReaderCacheHelper() == null ? reader : reader.getReaderCacheHelper().getKey();
        List<Object> key = List.of(version, accessFilter);
        Readable known;
        synchronized (RECENT) {
            known = RECENT.get(key);
        }
        if (known == null) {
            known = readable(base, accessFilter);
            synchronized (RECENT) {
                RECENT.put(key, known);
            }
        }
        return new ReadableChunkStatistics(base, known);
    }

    private static Readable readable(IndexSearcher base, Query accessFilter) throws IOException {
        IndexReader reader = base.getIndexReader();
        List<LeafReaderContext> leaves = reader.leaves();
        FixedBitSet[] readable = new FixedBitSet[leaves.size()];
        int[] counts = new int[leaves.size()];
        Weight weight = base.createWeight(base.rewrite(new ConstantScoreQuery(accessFilter)),
                ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
            Scorer scorer = weight.scorer(leaf);
            Bits live = leaf.reader().getLiveDocs();
            if (scorer != null) {
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        bits.set(doc);
                    }
                }
            }
            readable[leaf.ord] = bits;
            counts[leaf.ord] = bits.cardinality();
        }
        int total = java.util.Arrays.stream(counts).sum();
        // a caller who may read every live chunk has the index's own statistics: nothing is hidden from it
        return new Readable(readable, counts, total == reader.numDocs(), new ConcurrentHashMap<>());
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        if (readable.everything()) {
            return super.collectionStatistics(field);
        }
        CollectionStatistics known = readable.collections().get(field);
        if (known != null) {
            return known;
        }
        long docs = 0;
        long length = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            NumericDocValues norms = leaf.reader().getNormValues(field);
            FixedBitSet bits = readable.leaves()[leaf.ord];
            for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                    doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                if (norms != null && norms.advanceExact(doc) && norms.longValue() != 0) {
                    docs++;
                    length += Math.max(1, SmallFloat.byte4ToInt((byte) norms.longValue()));
                }
            }
        }
        // nothing readable has the field: fixed figures, so that even "none" says nothing of hidden chunks
        CollectionStatistics stats = docs == 0 ? new CollectionStatistics(field, 1, 1, 1, 1)
                : new CollectionStatistics(field, docs, docs, length, length);
        readable.collections().put(field, stats);
        return stats;
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        if (readable.everything()) {
            return super.termStatistics(term, docFreq, totalTermFreq);
        }
        long docs = 0;
        long occurrences = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(term.field());
            if (terms == null) {
                continue;
            }
            TermsEnum words = terms.iterator();
            if (!words.seekExact(term.bytes())) {
                continue;
            }
            PostingsEnum postings = words.postings(null, PostingsEnum.FREQS);
            FixedBitSet bits = readable.leaves()[leaf.ord];
            if ((long) readable.counts()[leaf.ord] * SPARSE < words.docFreq()) {
                // few readable chunks: jump through the postings to each of them
                for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                        doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                    int at = postings.docID() >= doc ? postings.docID() : postings.advance(doc);
                    if (at == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    if (at == doc) {
                        docs++;
                        occurrences += postings.freq();
                    }
                }
                continue;
            }
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (doc < bits.length() && bits.get(doc)) {
                    docs++;
                    occurrences += postings.freq();
                }
            }
        }
        // a word only hidden chunks hold: the figures of a word held once, as for any rare word
        return docs == 0 ? new TermStatistics(term.bytes(), 1, 1) : new TermStatistics(term.bytes(), docs, occurrences);
    }
}
