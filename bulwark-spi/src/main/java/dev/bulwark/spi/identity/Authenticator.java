package dev.bulwark.spi.identity;

/** Verifies a bearer credential on every request. Fails closed: any doubt is a rejection. */
public interface Authenticator {

    /**
     * @param bearerToken the raw credential, or {@code null} when the request carried none
     */
    Authentication authenticate(String bearerToken);
}
