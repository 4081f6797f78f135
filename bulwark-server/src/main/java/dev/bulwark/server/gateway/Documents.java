package dev.bulwark.server.gateway;

import dev.bulwark.documents.DocumentIngestor;
import dev.bulwark.documents.DocumentsConfig;
import dev.bulwark.documents.DocumentsConnector;
import dev.bulwark.documents.LuceneDocumentStore;
import dev.bulwark.documents.MissingAclPolicy;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.guard.Detector;
import java.io.IOException;
import java.util.List;

/** The document store, its ingestor and its search connector, opened together and closed together. */
public record Documents(LuceneDocumentStore store, DocumentIngestor ingestor, DocumentsConnector connector)
        implements AutoCloseable {

    /**
     * Opens the store in the data directory. Lucene holds a write lock on its index, so a second process (e.g. the
     * CLI while the gateway runs) gets a clear error instead of a corrupted index.
     */
    public static Documents open(BulwarkConfig config, List<Detector> piiDetectors) throws IOException {
        DocumentsConfig settings = DocumentsConfig.defaults(config.dataPath())
                .withMissingAcl(config.documents().missingAcl().equals("reject")
                        ? MissingAclPolicy.REJECT : MissingAclPolicy.OWNER_ONLY)
                .withMaxDocumentBytes(config.documents().maxDocumentBytes());
        LuceneDocumentStore store;
        try {
            store = LuceneDocumentStore.open(settings);
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IOException("the document index in " + settings.indexDirectory()
                    + " is in use by another process (a running gateway?); use the admin API instead", e);
        }
        return new Documents(store, new DocumentIngestor(store, piiDetectors),
                new DocumentsConnector(config.documents().name(), store));
    }

    @Override
    public void close() throws IOException {
        connector.close();
        store.close();
    }
}
