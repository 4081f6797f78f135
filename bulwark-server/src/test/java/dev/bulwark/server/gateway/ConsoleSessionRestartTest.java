package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions live in the gateway's database: a restart keeps them, a rotated admin token ends them. */
class ConsoleSessionRestartTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private Gateway start() throws Exception {
        return Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0));
    }

    private static String signIn(Gateway gateway, String credential) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.localUrl() + "/console/session"))
                .header("Content-Type", "application/json").header("Origin", gateway.localUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"credential\":\"" + credential + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static int agents(Gateway gateway, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.localUrl() + "/console/api/v1/agents"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aRestartKeepsTheSessionAndARotatedAdminTokenEndsIt() throws Exception {
        String cookie;
        try (Gateway first = start()) {
            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
            cookie = signIn(first, admin);
            assertThat(agents(first, cookie)).isEqualTo(200);
        }
        try (Gateway restarted = start()) {
            assertThat(agents(restarted, cookie)).as("signed in across the restart").isEqualTo(200);
        }
        Files.delete(data.resolve("keys").resolve(AdminToken.HASH_FILE)); // the admin token is rotated
        Files.delete(data.resolve(AdminToken.FIRST_START_FILE));
        try (Gateway rotated = start()) {
            assertThat(agents(rotated, cookie)).as("the old token signs nobody in").isEqualTo(401);
            assertThat(agents(rotated, "bulwark_console=forged")).isEqualTo(401);
        }
    }
}
