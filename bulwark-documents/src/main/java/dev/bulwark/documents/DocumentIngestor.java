package dev.bulwark.documents;

import dev.bulwark.documents.index.AccessTerms;
import dev.bulwark.documents.index.IndexedChunk;
import dev.bulwark.documents.ingest.ChunkPayload;
import dev.bulwark.documents.ingest.Chunker;
import dev.bulwark.documents.ingest.StrictUtf8;
import dev.bulwark.documents.sanitize.TextSanitizer;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ingestion pipeline: size check, strict UTF-8 decoding, sanitizing, ACL resolution, PII detection, chunking,
 * encryption of each chunk (bound to its document and position) and indexing. A document is stored whole or not at
 * all; any failure, including a detector failure, refuses it.
 *
 * <p>Every finding of the given detectors is recorded as a PII type of the chunks it overlaps; hand in PII
 * detectors only.
 */
public final class DocumentIngestor {
    private final LuceneDocumentStore store;
    private final List<Detector> detectors;
    private final TextSanitizer sanitizer = new TextSanitizer();
    private final Chunker chunker;

    public DocumentIngestor(LuceneDocumentStore store, List<Detector> piiDetectors) {
        this.store = Checks.present(store, "store");
        this.detectors = List.copyOf(Checks.present(piiDetectors, "piiDetectors"));
        this.chunker = new Chunker(store.config().chunkChars(), store.config().overlapChars());
    }

    /** Ingests one document and commits it: searches see it when this returns. */
    public IngestResult ingest(IngestRequest request) throws IngestException {
        IngestResult result = prepareAndWrite(request);
        commit();
        return result;
    }

    /** Ingests many documents with a single commit; a refused document does not stop the others. */
    public List<IngestOutcome> ingestAll(Iterable<IngestRequest> requests) throws IngestException {
        List<IngestOutcome> outcomes = new ArrayList<>();
        for (IngestRequest request : requests) {
            try {
                outcomes.add(new IngestOutcome.Ingested(prepareAndWrite(request)));
            } catch (IngestException e) {
                if (e.reason() == IngestException.Reason.STORAGE_FAILED) {
                    throw e;
                }
                outcomes.add(new IngestOutcome.Refused(request.sourceId(), e.reason(), e.getMessage()));
            }
        }
        commit();
        return outcomes;
    }

    /**
     * Ingests a file, or every supported file under a directory (symbolic links are not followed), with a single
     * commit. Unsupported and over-large files are reported as refused without being read.
     *
     * @throws IOException when the path cannot be read
     */
    public List<IngestOutcome> ingestFiles(Path fileOrDirectory, DocumentTemplate template)
            throws IOException, IngestException {
        return DocumentFiles.ingest(this, fileOrDirectory, template, store.config().maxDocumentBytes());
    }

    private void commit() throws IngestException {
        try {
            store.commit();
        } catch (IOException e) {
            throw new IngestException(IngestException.Reason.STORAGE_FAILED, "the document index could not commit", e);
        }
    }

    private IngestResult prepareAndWrite(IngestRequest request) throws IngestException {
        DocumentsConfig config = store.config();
        if (request.contentLength() > config.maxDocumentBytes()) {
            throw new IngestException(IngestException.Reason.TOO_LARGE, request.sourceId() + " has "
                    + request.contentLength() + " bytes; the limit is " + config.maxDocumentBytes());
        }
        Set<String> aclTerms = aclTerms(request);
        String decoded;
        try {
            decoded = StrictUtf8.decode(request.content());
        } catch (StrictUtf8.InvalidUtf8 e) {
            throw new IngestException(IngestException.Reason.INVALID_ENCODING, request.sourceId() + ": "
                    + e.getMessage());
        }
        TextSanitizer.Sanitized sanitized = sanitizer.sanitize(decoded, request.mediaType());
        String text = sanitized.text();
        if (text.isBlank()) {
            throw new IngestException(IngestException.Reason.EMPTY, request.sourceId()
                    + " has no visible text after sanitizing");
        }
        List<Finding> findings = detect(request.sourceId(), text);
        List<Chunker.Span> spans = chunker.chunk(text);
        List<IndexedChunk> chunks = new ArrayList<>(spans.size());
        Set<String> documentPii = new TreeSet<>();
        for (int ordinal = 0; ordinal < spans.size(); ordinal++) {
            Chunker.Span span = spans.get(ordinal);
            Set<String> pii = new TreeSet<>();
            for (Finding f : findings) {
                if (span.overlaps(f.start(), f.end())) {
                    pii.add(f.type());
                }
            }
            documentPii.addAll(pii);
            String chunkText = text.substring(span.start(), span.end());
            byte[] sealed = store.keys().encrypt(
                    new ChunkPayload(request.title(), chunkText, request.metadata()).toBytes(),
                    ChunkPayload.associatedData(request.sourceId(), ordinal));
            chunks.add(new IndexedChunk(request.sourceId(), ordinal, chunkText, sealed, aclTerms,
                    request.integrity().label(), request.confidentiality().label(), pii));
        }
        boolean replaced;
        try {
            replaced = store.write(request.sourceId(), chunks);
        } catch (IOException | RuntimeException e) {
            throw new IngestException(IngestException.Reason.STORAGE_FAILED, "the document index could not store "
                    + request.sourceId(), e);
        }
        return new IngestResult(request.sourceId(), chunks.size(), documentPii, sanitized.removedChars(), replaced);
    }

    /** The owner always reads its document; without a declared ACL only the owner does (or the document is refused). */
    private Set<String> aclTerms(IngestRequest request) throws IngestException {
        Set<String> terms = new LinkedHashSet<>();
        request.owner().ifPresent(owner -> terms.add(AccessTerms.principal(owner)));
        if (request.acl().isEmpty()) {
            if (store.config().missingAcl() == MissingAclPolicy.REJECT) {
                throw new IngestException(IngestException.Reason.MISSING_ACL, request.sourceId()
                        + " declares no ACL; this store refuses documents without one");
            }
            if (terms.isEmpty()) {
                throw new IngestException(IngestException.Reason.MISSING_ACL, request.sourceId()
                        + " declares neither an ACL nor an owner, so nobody could ever read it");
            }
            return terms;
        }
        request.acl().principals().forEach(p -> terms.add(AccessTerms.principal(p)));
        request.acl().groups().forEach(g -> terms.add(AccessTerms.group(g)));
        return terms;
    }

    private List<Finding> detect(String sourceId, String text) throws IngestException {
        List<Finding> findings = new ArrayList<>();
        for (Detector detector : detectors) {
            try {
                findings.addAll(Checks.present(detector.detect(text), "findings of " + detector.name()));
            } catch (RuntimeException e) {
                throw new IngestException(IngestException.Reason.DETECTOR_FAILED, "PII detector "
                        + detector.name() + " failed on " + sourceId + "; the document was not ingested", e);
            }
        }
        return findings;
    }
}
