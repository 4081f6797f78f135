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
    /** Advertised because RFC 8414 clients require the member; agents have no interactive login, so it refuses. */
    public static final String AUTHORIZATION_ENDPOINT = "/oauth/authorize";

    private final String baseUrl;
    private final String resource;
    private final transient Supplier<String> jwks;

    /**
     * @param baseUrl  the gateway's public base URL (also the token issuer)
     * @param resource the protected resource, {@code baseUrl + "/mcp"} (also the token audience)
     * @param jwks     the current public key set as JSON
     */
    public DiscoveryServlet(String baseUrl, String resource, Supplier<String> jwks) {
        this.baseUrl = baseUrl;
        this.resource = resource;
        this.jwks = jwks;
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
        doc.putArray("resource_signing_alg_values_supported").add("EdDSA");
        return doc;
    }

    ObjectNode authorizationServer() {
        ObjectNode doc = JsonResponses.object();
        doc.put("issuer", baseUrl);
        doc.put("authorization_endpoint", baseUrl + AUTHORIZATION_ENDPOINT);
        doc.put("token_endpoint", baseUrl + TOKEN_ENDPOINT);
        doc.put("jwks_uri", baseUrl + JWKS);
        doc.putArray("grant_types_supported")
                .add("client_credentials")
                .add("urn:ietf:params:oauth:grant-type:token-exchange");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        doc.putArray("response_types_supported");
        doc.putArray("scopes_supported").add("mcp");
        doc.putArray("token_endpoint_auth_signing_alg_values_supported").add("EdDSA");
        return doc;
    }
}
