package dev.bulwark.identity;

import java.util.Optional;

/** Where the authorization and token endpoints look clients up: registered ones, metadata documents, or both. */
@FunctionalInterface
public interface OAuthClients {
    /** The client with this id; empty when unknown or not acceptable. Never throws for a malformed id. */
    Optional<OAuthClient> find(String clientId);

    /** This directory, then {@code other} for ids this one does not know. */
    default OAuthClients orElse(OAuthClients other) {
        return id -> {
            Optional<OAuthClient> found = find(id);
            return found.isPresent() ? found : other.find(id);
        };
    }
}
