/**
 * The Lucene index of chunks: BM25 over the analysed plaintext terms, ciphertext only in stored fields, ACL terms
 * as filter clauses built from the effective principal, and a query builder that never parses agent input as syntax.
 *
 * <p>Trade-off: an inverted index must hold the terms it matches, so the index files contain the documents' words
 * (not their order, nor the stored text). Someone who copies the index directory can learn which terms occur in which
 * chunk; the readable text, titles and metadata exist only as AES-GCM ciphertext.
 */
package dev.bulwark.documents.index;
