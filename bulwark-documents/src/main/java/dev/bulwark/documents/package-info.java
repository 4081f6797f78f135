/**
 * Documents: ingestion (sanitize, PII-tag, ACL-tag, chunk, encrypt at rest, index) and ACL-filtered retrieval on
 * Apache Lucene, offered to agents by {@link dev.bulwark.documents.DocumentsConnector}.
 */
package dev.bulwark.documents;
