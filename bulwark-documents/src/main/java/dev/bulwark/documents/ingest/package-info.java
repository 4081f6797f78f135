/** Steps of ingestion that need no storage: strict UTF-8 decoding, chunking, and the encrypted chunk payload. */
package dev.bulwark.documents.ingest;
