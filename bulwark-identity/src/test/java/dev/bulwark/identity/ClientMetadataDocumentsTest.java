package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients identified by a metadata document URL. The web is a map of URL to body here (the fetch under egress rules is
 * the server's, tested there); what is tested is which URLs are fetched at all and which documents are accepted.
 */
class ClientMetadataDocumentsTest {
    static final String URL = "https://app.example.com/oauth/client.json";
    @TempDir
    Path dir;
    final Map<String, String> web = new HashMap<>();
    final List<String> fetched = new ArrayList<>();
    CodeFlowFixture x;
    ClientMetadataDocuments documents;

    @BeforeEach
    void setUp() {
        x = new CodeFlowFixture(dir);
        documents = new ClientMetadataDocuments(this::fetch, "helper", x.f.clock);
    }

    String fetch(URI url) throws IOException {
        fetched.add(url.toString());
        String body = web.get(url.toString());
        if (body == null) {
            throw new IOException("404");
        }
        return body;
    }

    static String doc(String clientId, String redirect, String extra) {
        return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"Editor\",\"redirect_uris\":[\"" + redirect
                + "\"]" + extra + "}";
    }

    @Test
    void aClientDescribedByItsDocumentLogsAUserInLikeARegisteredOne() {
        web.put(URL, doc(URL, CodeFlowFixture.REDIRECT, ",\"token_endpoint_auth_method\":\"none\""));
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(x.clients.orElse(documents), x.f.agents, x.f.users,
                x.f.dataSource, x.f.settings, Duration.ofSeconds(60), x.f.clock);
        CodeGrants grants = new CodeGrants(flow, x.clients.orElse(documents), x.f.agents, x.f.users,
                x.f.revocations, x.f.dataSource, x.f.settings, Duration.ofHours(1), x.f.clock);
        TokenEndpoint endpoint = new TokenEndpoint(x.f.keys, x.f.settings, x.f.agents, x.f.users, x.f.revocations,
                x.f.clock, Optional.of(grants));
        var request = ((AuthorizationRequest.Outcome.Valid) flow.check(CodeFlowFixture.with(x.authorizeParams(),
                "client_id", URL))).request();
        assertThat(request.client().name()).isEqualTo("Editor");
        assertThat(request.agent().id()).isEqualTo("helper");
        String code = CodeFlowFixture.query(flow.approve(request, "alice")).get("code");
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of("authorization_code"));
        form.put("code", List.of(code));
        form.put("client_id", List.of(URL));
        form.put("redirect_uri", List.of(CodeFlowFixture.REDIRECT));
        form.put("code_verifier", List.of(CodeFlowFixture.VERIFIER));
        assertThat(endpoint.handle(new TokenRequest(form, Optional.empty())))
                .isInstanceOf(TokenResponse.Issued.class);
        assertThat(fetched).containsExactly(URL);
    }

    @Test
    void unacceptableUrlsAreNeverFetched() {
        for (String id : List.of("http://app.example.com/client.json", "https://app.example.com",
                "https://app.example.com/", "https://app.example.com/c.json?x=1", "https://app.example.com/c.json#f",
                "https://user@app.example.com/c.json", "https://app.example.com/a/../c.json",
                "https://app.example.com/" + "a".repeat(600), "javascript:alert(1)", "bwc_notaurl")) {
            assertThat(documents.find(id)).as(id).isEmpty();
        }
        assertThat(fetched).isEmpty();
    }

    @Test
    void documentsThatDoNotDescribeAnAcceptablePublicClientAreRefused() {
        Map<String, String> hostile = Map.of(
                "https://a.example.com/id", doc("https://other.example.com/id", CodeFlowFixture.REDIRECT, ""),
                "https://b.example.com/id", doc("https://b.example.com/id", "javascript:alert(1)", ""),
                "https://c.example.com/id", doc("https://c.example.com/id", "http://c.example.com/cb", ""),
                "https://d.example.com/id", doc("https://d.example.com/id", CodeFlowFixture.REDIRECT,
                        ",\"token_endpoint_auth_method\":\"private_key_jwt\""),
                "https://e.example.com/id", doc("https://e.example.com/id", CodeFlowFixture.REDIRECT,
                        ",\"grant_types\":[\"client_credentials\"]"),
                "https://f.example.com/id", "[\"not an object\"]",
                "https://g.example.com/id", "{\"client_id\":\"https://g.example.com/id\",\"redirect_uris\":[]}");
        web.putAll(hostile);
        for (String id : hostile.keySet()) {
            assertThat(documents.find(id)).as(id).isEmpty();
            assertThat(documents.refusal(id)).as(id).isPresent();
        }
    }

    @Test
    void answersAndRefusalsAreCachedSoAFloodCausesOneFetch() {
        web.put(URL, doc(URL, CodeFlowFixture.REDIRECT, ""));
        for (int i = 0; i < 50; i++) {
            assertThat(documents.find(URL)).isPresent();
            assertThat(documents.find("https://missing.example.com/id")).isEmpty();
        }
        assertThat(fetched).containsExactly(URL, "https://missing.example.com/id");
    }
}
