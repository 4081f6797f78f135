package dev.bulwark.server.gateway;

import dev.bulwark.egress.AddressRules;
import dev.bulwark.egress.EgressLimits;
import dev.bulwark.egress.EgressRefusedException;
import dev.bulwark.egress.FetchResult;
import dev.bulwark.egress.HostResolver;
import dev.bulwark.egress.HttpFetcher;
import dev.bulwark.egress.HttpTarget;
import dev.bulwark.identity.ClientMetadataDocuments;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Fetches client ID metadata documents under the egress rules of {@code bulwark-egress} (the identity module may not
 * depend on it, so the server plugs it in): https only; every address the host resolves to must be public (no
 * loopback, private, link-local, cloud metadata or other reserved ranges; the connection is pinned to the checked
 * address, so DNS rebinding cannot swap it); no redirects; {@code application/json} only; at most 64 KB; 5 seconds in
 * all. The URL is chosen by whoever sends an authorization request, so it is treated as hostile.
 */
final class MetadataDocumentFetch implements ClientMetadataDocuments.Fetch {
    static final EgressLimits LIMITS = new EgressLimits(64 * 1024, 0, Duration.ofSeconds(5), 0,
            List.of("application/json"));
    private final HostResolver dns;
    private final AddressRules rules;

    MetadataDocumentFetch() {
        this(HostResolver.SYSTEM, AddressRules.standard());
    }

    MetadataDocumentFetch(HostResolver dns, AddressRules rules) {
        this.dns = dns;
        this.rules = rules;
    }

    @Override
    public String fetch(URI url) throws IOException {
        if (!"https".equals(url.getScheme())) {
            throw new IOException("client metadata documents are fetched over https only");
        }
        try (HttpFetcher fetcher = new HttpFetcher(dns, rules, LIMITS)) {
            FetchResult result = fetcher.send(HttpTarget.parse(url.toString()), null, null);
            if (result.redirectTo() != null) {
                throw new IOException("the metadata document URL redirects; it must answer itself");
            }
            if (result.status() != 200) {
                throw new IOException("the metadata document URL answered " + result.status());
            }
            if (result.truncated()) {
                throw new IOException("the metadata document is larger than 64 KB");
            }
            return result.body();
        } catch (EgressRefusedException e) {
            throw new IOException("refused by the egress rules: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the metadata document could not be fetched: " + e.getClass().getSimpleName(), e);
        }
    }
}
