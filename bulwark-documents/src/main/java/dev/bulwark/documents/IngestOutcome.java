package dev.bulwark.documents;

import dev.bulwark.spi.Checks;

/** The outcome for one document of a batch: ingested, or refused with the reason. */
public sealed interface IngestOutcome permits IngestOutcome.Ingested, IngestOutcome.Refused {

    String sourceId();

    record Ingested(IngestResult result) implements IngestOutcome {
        public Ingested {
            Checks.present(result, "result");
        }

        @Override
        public String sourceId() {
            return result.documentId();
        }
    }

    record Refused(String sourceId, IngestException.Reason reason, String message) implements IngestOutcome {
        public Refused {
            Checks.nonBlank(sourceId, "sourceId");
            Checks.present(reason, "reason");
            Checks.nonBlank(message, "message");
        }
    }
}
