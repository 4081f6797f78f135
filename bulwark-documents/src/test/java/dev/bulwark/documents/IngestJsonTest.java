package dev.bulwark.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestJsonTest {

    private static List<IngestRequest> parse(String json) {
        return IngestJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesADocumentWithDefaultsForIntegrityAndConfidentiality() {
        IngestRequest request = parse("""
                {"source_id": "wiki:hr/leave.md", "title": "Leave", "media_type": "text/markdown",
                 "content": "Leave is 25 days.", "metadata": {"team": "hr"},
                 "acl": {"principals": ["user:alice"], "groups": ["hr"]}}""").getFirst();

        assertThat(request.sourceId()).isEqualTo("wiki:hr/leave.md");
        assertThat(new String(request.content(), StandardCharsets.UTF_8)).isEqualTo("Leave is 25 days.");
        assertThat(request.mediaType()).isEqualTo(MediaType.TEXT_MARKDOWN);
        assertThat(request.acl()).isEqualTo(new SourceAcl(java.util.Set.of("user:alice"), java.util.Set.of("hr")));
        assertThat(request.integrity()).isEqualTo(Integrity.UNTRUSTED);
        assertThat(request.confidentiality()).isEqualTo(Confidentiality.INTERNAL);
        assertThat(request.metadata()).containsEntry("team", "hr");
    }

    @Test
    void parsesArraysAndBase64ContentKeepingTheRawBytesForUtf8Validation() {
        List<IngestRequest> requests = parse("""
                [{"source_id": "a", "media_type": "text/plain", "content_base64": "/w==", "owner": "user:bob",
                  "integrity": "trusted", "confidentiality": "secret"},
                 {"source_id": "b", "media_type": "text/html", "content": "<p>x</p>"}]""");

        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().content()).containsExactly((byte) 0xFF);
        assertThat(requests.getFirst().owner()).contains("user:bob");
        assertThat(requests.getFirst().integrity()).isEqualTo(Integrity.TRUSTED);
        assertThat(requests.get(1).acl().isEmpty()).isTrue();
    }

    @Test
    void refusesMalformedOrAmbiguousDocuments() {
        String base = "\"source_id\": \"a\", \"media_type\": \"text/plain\"";
        List<String> bad = List.of(
                "not json", "42", "[]", "{" + base + "}",
                "{" + base + ", \"content\": \"x\", \"content_base64\": \"eA==\"}",
                "{" + base + ", \"content\": \"x\", \"acls\": {\"groups\": [\"all\"]}}",
                "{" + base + ", \"content\": \"x\", \"acl\": {\"users\": [\"alice\"]}}",
                "{" + base + ", \"content\": \"x\", \"acl\": {\"groups\": \"hr\"}}",
                "{" + base + ", \"content\": \"x\", \"integrity\": \"maybe\"}",
                "{" + base + ", \"content\": \"\\ud800 lone\"}",
                "{" + base + ", \"content\": \"x\", \"content\": \"y\"}",
                "{" + base + ", \"content_base64\": \"***\"}",
                "{\"source_id\": \"../x\", \"media_type\": \"text/plain\", \"content\": \"x\"}",
                "{\"source_id\": \"a\", \"media_type\": \"application/pdf\", \"content\": \"x\"}",
                "{" + base + ", \"content\": \"x\", \"metadata\": {\"n\": 1}}",
                "{" + base + ", \"content\": \"x\"} {}");
        for (String json : bad) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
