package dev.bulwark.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.IdentitySettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic client registration (RFC 7591) over HTTP: what is refused, and how much one source may register. */
class RegistrationEndToEndTest {
    static final String REDIRECT = "http://127.0.0.1:43117/callback";
    @TempDir
    static Path data;
    static Gateway gateway;
    static LoginSteps steps;

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withIdentity(new IdentitySettings(null, null, null, null,
                        new OAuthSettings(true, "support-bot", null, null, null))));
        steps = new LoginSteps(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One registration from a chosen loopback source address; answers the status code. */
    static int registerFrom(String source) throws Exception {
        URI base = URI.create(gateway.baseUrl());
        String body = "{\"redirect_uris\":[\"" + REDIRECT + "\"]}";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(source, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /oauth/register HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void oneSourceCannotRegisterClientsWithoutLimit() throws Exception {
        int created = 0;
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            switch (registerFrom("127.0.0.4")) {
                case 201 -> created++;
                case 429 -> throttled++;
                default -> throw new AssertionError("unexpected status");
            }
        }
        assertThat(created).isEqualTo(20);
        assertThat(throttled).isEqualTo(5);
        assertThat(registerFrom("127.0.0.5")).as("another source is unaffected").isEqualTo(201);
    }

    @Test
    void registrationRefusesDangerousRedirectUrisAndConfidentialClients() throws Exception {
        for (String uri : new String[] {"javascript:alert(1)", "http://app.example.com/cb", "data:text/html,x",
                "https://app.example.com/cb#frag"}) {
            HttpResponse<String> r = steps.postJson("/oauth/register", "{\"redirect_uris\":[\"" + uri + "\"]}");
            assertThat(r.statusCode()).as(uri).isEqualTo(400);
            assertThat(r.body()).contains("invalid_redirect_uri");
        }
        HttpResponse<String> secret = steps.postJson("/oauth/register", "{\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}");
        assertThat(secret.body()).contains("invalid_client_metadata");
    }

    /**
     * Red team round 2: the consent page shows the client's name and redirect URI to the user; a direction override
     * or zero-width character in them would make the page read as another application or destination.
     */
    @Test
    void registrationRefusesNamesAndRedirectUrisThatWouldNotReadAsThemselvesOnTheConsentPage() throws Exception {
        for (String name : new String[] {"Claude\\u202E tpircs", "VS\\u200BCode", "Bulwark\\u2066 Console\\u2069",
                "line\\nbreak", "tag\\uDB40\\uDC41"}) {
            HttpResponse<String> r = steps.postJson("/oauth/register", "{\"client_name\":\"" + name
                    + "\",\"redirect_uris\":[\"" + REDIRECT + "\"]}");
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(r.body()).contains("invalid_client_metadata");
        }
        for (String uri : new String[] {"https://app.example.com/\\u202Emoc.live", "https://app.example.com/c\\u200Bb",
                "https://app.example.com/callb\\u00e4ck"}) {
            HttpResponse<String> r = steps.postJson("/oauth/register", "{\"redirect_uris\":[\"" + uri + "\"]}");
            assertThat(r.statusCode()).as(uri).isEqualTo(400);
            assertThat(r.body()).contains("invalid_redirect_uri");
        }
        assertThat(steps.postJson("/oauth/register", "{\"client_name\":\"Zoë's Editor\",\"redirect_uris\":[\""
                + REDIRECT + "\"]}").statusCode()).as("letters of any script are names").isEqualTo(201);
    }

    /**
     * Red team round 2: starting a login is one unthrottled GET. One source may have at most
     * {@code PendingLogins.MAX_PER_SOURCE} logins in progress (429 past it); logins of other sources are neither
     * refused nor pushed out.
     */
    @Test
    void oneSourceCannotFillTheLoginsInProgress() throws Exception {
        String client = steps.register("Flooder", REDIRECT);
        URI url = URI.create(steps.authorizeUrl(client, REDIRECT));
        String target = url.getRawPath() + "?" + url.getRawQuery();
        int shown = 0;
        int refused = 0;
        for (int i = 0; i <= dev.bulwark.identity.PendingLogins.MAX_PER_SOURCE; i++) {
            switch (getFrom("127.0.0.7", target)) {
                case 200 -> shown++;
                case 429 -> refused++;
                default -> throw new AssertionError("unexpected status");
            }
        }
        assertThat(shown).isEqualTo(dev.bulwark.identity.PendingLogins.MAX_PER_SOURCE);
        assertThat(refused).isEqualTo(1);
        assertThat(getFrom("127.0.0.8", target)).as("another source still logs in").isEqualTo(200);
    }

    private static int getFrom(String source, String target) throws Exception {
        URI base = URI.create(gateway.baseUrl());
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(source, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}
