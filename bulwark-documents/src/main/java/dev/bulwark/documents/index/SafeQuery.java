package dev.bulwark.documents.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds a BM25 query from agent text without any query syntax: the text only goes through the index analyser, and
 * each resulting term becomes an optional clause. Operators, field names, wildcards, ranges and boosts in the input
 * are plain words (or dropped by the analyser), so no input can widen the search or reach another field.
 */
public final class SafeQuery {
    public static final int MAX_TERMS = 64;

    private SafeQuery() {}

    /** The query for the text, or empty when it has no searchable term (blank, only punctuation or stop words). */
    public static Optional<Query> of(String text, Analyzer analyzer) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(LuceneChunkIndex.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(t -> query.add(new TermQuery(new Term(LuceneChunkIndex.TEXT, t)), BooleanClause.Occur.SHOULD));
        return Optional.of(query.build());
    }
}
