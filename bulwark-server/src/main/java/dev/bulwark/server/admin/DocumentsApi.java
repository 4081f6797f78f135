package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.documents.IngestJson;
import dev.bulwark.documents.IngestOutcome;
import dev.bulwark.documents.IngestRequest;
import dev.bulwark.server.gateway.Documents;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/documents}: documents pushed as JSON go through the ingestion pipeline (sanitize, PII-tag,
 * ACL-tag, chunk, encrypt, index). Each document is ingested or refused on its own; each outcome is audited.
 */
final class DocumentsApi {
    /** A batch holds at most this many bytes of JSON (base64 content included). */
    private static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;
    private final Gateway gateway;
    private final GateAudit audit;

    DocumentsApi(Gateway gateway, GateAudit audit) {
        this.gateway = gateway;
        this.audit = audit;
    }

    ObjectNode ingest(HttpServletRequest request) throws IOException {
        Documents documents = gateway.documents();
        if (documents == null) {
            throw new AdminError(404, "not_found", "documents are disabled in the configuration");
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new AdminError(415, "unsupported_media_type", "Content-Type must be application/json");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BATCH_BYTES + 1);
        }
        if (body.length > MAX_BATCH_BYTES) {
            throw new AdminError(413, "too_large", "a batch may hold at most " + MAX_BATCH_BYTES + " bytes");
        }
        List<IngestRequest> requests = IngestJson.parse(body);
        List<IngestOutcome> outcomes;
        try {
            outcomes = documents.ingestor().ingestAll(requests);
        } catch (dev.bulwark.documents.IngestException e) {
            throw new AdminError(503, "storage_failed", e.getMessage());
        }
        ArrayNode results = JsonResponses.JSON.createArrayNode();
        for (IngestOutcome outcome : outcomes) {
            ObjectNode n = results.addObject().put("source_id", outcome.sourceId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sourceId", outcome.sourceId());
            switch (outcome) {
                case IngestOutcome.Ingested ok -> {
                    n.put("status", "ingested").put("chunks", ok.result().chunks())
                            .put("replaced", ok.result().replaced()).put("removed_chars", ok.result().removedChars());
                    ok.result().piiTypes().stream().sorted().forEach(n.putArray("pii_types")::add);
                    details.put("chunks", ok.result().chunks());
                    details.put("piiTypes", ok.result().piiTypes().stream().sorted().toList());
                    audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.ADMIN, "document.ingest",
                            Outcome.SUCCEEDED, null, null, null, "", details));
                }
                case IngestOutcome.Refused refused -> {
                    n.put("status", "refused").put("reason", refused.reason().name()).put("message", refused.message());
                    audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.ADMIN, "document.ingest",
                            Outcome.DENIED, null, null, null, refused.reason().name(), details));
                }
            }
        }
        ObjectNode out = JsonResponses.object();
        out.set("results", results);
        return out;
    }
}
