package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The documents MCP clients read to find out how to get a token: RFC 9728 protected-resource metadata, RFC 8414
 * authorization-server metadata, and the JWKS that verifies Bulwark's tokens.
 */
public final class DiscoveryServlet extends HttpServlet {
    public static final String PROTECTED_RESOURCE = "/.well-known/oauth-protected-resource";
    public static final String AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";
    public static final String JWKS = "/.well-known/jwks.json";
    public static final String TOKEN_ENDPOINT = "/oauth/token";
    /** Authorization code + PKCE when interactive login is on; otherwise it refuses every request. */
    public static final String AUTHORIZATION_ENDPOINT = "/oauth/authorize";

    private final String baseUrl;
    private final String resource;
    private final transient Supplier<String> jwks;
    private final boolean interactive;
    private final boolean registration;
    private final boolean metadataDocuments;

    /**
     * @param baseUrl  the gateway's public base URL (also the token issuer)
     * @param resource the protected resource, {@code baseUrl + "/mcp"} (also the token audience)
     * @param jwks     the current public key set as JSON
     */
    public DiscoveryServlet(String baseUrl, String resource, Supplier<String> jwks) {
        this(baseUrl, resource, jwks, false, false);
    }

    /**
     * @param interactive  authorization code + PKCE and refresh tokens are offered ({@code identity.oauth.enabled})
     * @param registration dynamic client registration is offered ({@code identity.oauth.registrationAgent})
     */
    public DiscoveryServlet(String baseUrl, String resource, Supplier<String> jwks, boolean interactive,
                            boolean registration) {
        this(baseUrl, resource, jwks, interactive, registration, false);
    }

    /** @param metadataDocuments https URLs are accepted as client ids (client ID metadata documents) */
    public DiscoveryServlet(String baseUrl, String resource, Supplier<String> jwks, boolean interactive,
                            boolean registration, boolean metadataDocuments) {
        this.metadataDocuments = interactive && metadataDocuments;
        this.baseUrl = baseUrl;
        this.resource = resource;
        this.jwks = jwks;
        this.interactive = interactive;
        this.registration = interactive && registration;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals(JWKS)) {
            JsonResponses.write(response, 200, jwks.get());
        } else if (path.equals(PROTECTED_RESOURCE) || path.equals(PROTECTED_RESOURCE + "/mcp")) {
            JsonResponses.write(response, 200, protectedResource());
        } else if (path.equals(AUTHORIZATION_SERVER) || path.equals(AUTHORIZATION_SERVER + "/mcp")
                || path.equals("/.well-known/openid-configuration")) {
            JsonResponses.write(response, 200, authorizationServer());
        } else {
            JsonResponses.write(response, 404, JsonResponses.object().put("error", "not_found"));
        }
    }

    ObjectNode protectedResource() {
        ObjectNode doc = JsonResponses.object();
        doc.put("resource", resource);
        doc.putArray("authorization_servers").add(baseUrl);
        doc.putArray("bearer_methods_supported").add("header");
        doc.put("resource_name", "Bulwark MCP gateway");
        doc.putArray("scopes_supported").add("mcp");
        doc.putArray("resource_signing_alg_values_supported").add("EdDSA");
        return doc;
    }

    ObjectNode authorizationServer() {
        ObjectNode doc = JsonResponses.object();
        doc.put("issuer", baseUrl);
        doc.put("authorization_endpoint", baseUrl + AUTHORIZATION_ENDPOINT);
        doc.put("token_endpoint", baseUrl + TOKEN_ENDPOINT);
        doc.put("jwks_uri", baseUrl + JWKS);
        var grants = doc.putArray("grant_types_supported")
                .add("client_credentials")
                .add("urn:ietf:params:oauth:grant-type:token-exchange");
        var authMethods = doc.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_basic").add("client_secret_post");
        var responseTypes = doc.putArray("response_types_supported");
        if (interactive) {
            grants.add("authorization_code").add("refresh_token");
            authMethods.add("none");
            responseTypes.add("code");
            doc.putArray("response_modes_supported").add("query");
            doc.putArray("code_challenge_methods_supported").add("S256");
            doc.put("authorization_response_iss_parameter_supported", true);
            if (registration) {
                doc.put("registration_endpoint", baseUrl + RegistrationServlet.PATH);
            }
            doc.put("client_id_metadata_document_supported", metadataDocuments);
        }
        doc.putArray("scopes_supported").add("mcp");
        doc.putArray("token_endpoint_auth_signing_alg_values_supported").add("EdDSA");
        return doc;
    }
}
