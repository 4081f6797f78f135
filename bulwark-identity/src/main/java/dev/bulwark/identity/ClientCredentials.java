package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * An OAuth client's id and secret: for Bulwark, an agent id and its API key. {@link #toString()} hides the secret.
 */
public record ClientCredentials(String clientId, String clientSecret) {
    /** Longer Authorization headers are refused unread. */
    public static final int MAX_HEADER_LENGTH = 4096;

    public ClientCredentials {
        Checks.nonBlank(clientId, "clientId");
        Checks.nonBlank(clientSecret, "clientSecret");
    }

    /**
     * Reads HTTP Basic client authentication (RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined by a
     * colon and base64-encoded).
     *
     * @param authorizationHeader the {@code Authorization} header value, or {@code null}
     * @return empty when there is no header or it uses another scheme (e.g. Bearer)
     * @throws IllegalArgumentException when the header claims Basic but is malformed; the message never quotes it
     */
    public static Optional<ClientCredentials> fromBasicHeader(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        if (authorizationHeader.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("Authorization header is too long");
        }
        String header = authorizationHeader.strip();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty();
        }
        String credentials = space < 0 ? "" : header.substring(space + 1).strip();
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("Basic credentials are empty");
        }
        String decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(credentials);
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new IllegalArgumentException("Basic credentials are not valid base64 of UTF-8 text");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Basic credentials must be client_id:client_secret");
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Basic credentials are not validly form-encoded");
        }
        if (id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("Basic credentials must name a client id and a secret");
        }
        return Optional.of(new ClientCredentials(id, secret));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
