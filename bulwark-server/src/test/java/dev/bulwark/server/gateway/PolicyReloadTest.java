package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading through the admin API: a typo is refused and the old set stays; warnings come back with a good set. */
class PolicyReloadTest {
    @TempDir
    Path data;

    @Test
    void aTypoIsRefusedAndWarningsAreReturned() throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
            int before = gateway.policies().policyCount();
            Path extra = data.resolve("policies/extra.cedar");

            Files.writeString(extra, "forbid(principal, action, resource)\n"
                    + "unless { principal in Bulwark::Rol::\"admin-agent\" };\n");
            HttpResponse<String> refused = reload(gateway, admin);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problem = new ObjectMapper().readTree(refused.body()).path("problems").get(0);
            assertThat(problem.path("file").asText()).endsWith("extra.cedar");
            assertThat(problem.path("line").asInt()).isEqualTo(2);
            assertThat(problem.path("message").asText()).contains("Bulwark::Rol");
            assertThat(gateway.policies().policyCount()).isEqualTo(before);

            Files.writeString(extra, "@id(\"open\") permit(principal, action, resource);\n"
                    + "@id(\"gone\") forbid(principal, action, resource == Bulwark::Tool::\"crm.delete_custmer\");\n");
            HttpResponse<String> loaded = reload(gateway, admin);
            assertThat(loaded.statusCode()).isEqualTo(200);
            JsonNode warnings = new ObjectMapper().readTree(loaded.body()).path("warnings");
            assertThat(warnings.toString()).contains("policy `open` permits every")
                    .contains("tool `crm.delete_custmer`");
            assertThat(gateway.policies().policyCount()).isEqualTo(before + 2);
        }
    }

    private static HttpResponse<String> reload(Gateway gateway, String admin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/api/v1/policies/reload")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
