package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.nio.file.Path;

/**
 * Configuration of the document store and ingestion.
 *
 * @param indexDirectory   the Lucene index directory
 * @param keysetFile       the Tink key set file (cleartext JSON, mode 600; created when absent)
 * @param maxDocumentBytes documents larger than this are refused before decoding
 * @param chunkChars       the largest chunk, in characters
 * @param overlapChars     characters shared by consecutive chunks, at most half of {@code chunkChars}
 * @param missingAcl       what to do with a document whose source declared no ACL
 */
public record DocumentsConfig(Path indexDirectory, Path keysetFile, int maxDocumentBytes, int chunkChars,
                              int overlapChars, MissingAclPolicy missingAcl) {
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_CHUNK_CHARS = 1000;
    public static final int DEFAULT_OVERLAP_CHARS = 150;

    public DocumentsConfig {
        Checks.present(indexDirectory, "indexDirectory");
        Checks.present(keysetFile, "keysetFile");
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        if (chunkChars < 50) {
            throw new IllegalArgumentException("chunkChars must be at least 50");
        }
        if (overlapChars < 0 || overlapChars > chunkChars / 2) {
            throw new IllegalArgumentException("overlapChars must be between 0 and chunkChars / 2");
        }
        Checks.present(missingAcl, "missingAcl");
    }

    /** Defaults under a data directory: {@code documents/index} and {@code documents/keyset.json}. */
    public static DocumentsConfig defaults(Path dataDirectory) {
        Path root = dataDirectory.resolve("documents");
        return new DocumentsConfig(root.resolve("index"), root.resolve("keyset.json"), DEFAULT_MAX_DOCUMENT_BYTES,
                DEFAULT_CHUNK_CHARS, DEFAULT_OVERLAP_CHARS, MissingAclPolicy.OWNER_ONLY);
    }

    public DocumentsConfig withMissingAcl(MissingAclPolicy policy) {
        return new DocumentsConfig(indexDirectory, keysetFile, maxDocumentBytes, chunkChars, overlapChars, policy);
    }

    public DocumentsConfig withChunking(int chars, int overlap) {
        return new DocumentsConfig(indexDirectory, keysetFile, maxDocumentBytes, chars, overlap, missingAcl);
    }

    public DocumentsConfig withMaxDocumentBytes(int bytes) {
        return new DocumentsConfig(indexDirectory, keysetFile, bytes, chunkChars, overlapChars, missingAcl);
    }
}
