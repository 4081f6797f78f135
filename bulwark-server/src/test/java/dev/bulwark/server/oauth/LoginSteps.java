package dev.bulwark.server.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The client's side of interactive login against one gateway: registration, authorization URL, redemption. */
record LoginSteps(Gateway gateway) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String VERIFIER = "verifier-verifier-verifier-verifier-verifier-0001";

    HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a public client; answers its client id. */
    String register(String name, String redirect) throws Exception {
        HttpResponse<String> r = postJson("/oauth/register", "{\"client_name\":\"" + name + "\",\"redirect_uris\":[\""
                + redirect + "\"]}");
        if (r.statusCode() != 201) {
            throw new AssertionError("registration refused: " + r.body());
        }
        return JSON.readTree(r.body()).get("client_id").asText();
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    String authorizeUrl(String client, String redirect) throws Exception {
        return authorizeUrl(client, redirect, "mcp");
    }

    String authorizeUrl(String client, String redirect, String scope) throws Exception {
        return gateway.baseUrl() + "/oauth/authorize?response_type=code&client_id=" + client + "&redirect_uri="
                + Browser.enc(redirect) + "&code_challenge=" + challenge(VERIFIER)
                + "&code_challenge_method=S256&state=s1&scope=" + Browser.enc(scope) + "&resource="
                + Browser.enc(gateway.mcpUrl());
    }

    HttpResponse<String> redeem(String code, String client, String redirect, String verifier) throws Exception {
        return postForm("/oauth/token", "grant_type=authorization_code&code=" + Browser.enc(code) + "&client_id="
                + client + "&redirect_uri=" + Browser.enc(redirect) + "&code_verifier=" + verifier + "&resource="
                + Browser.enc(gateway.mcpUrl()));
    }
}
