package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.egress.AddressRules;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client ID metadata document URL is chosen by whoever sends an authorization request: the fetch must not reach the
 * gateway's own network. Each case is refused before a connection is made (the address check comes first).
 */
class MetadataDocumentFetchTest {
    @Test
    void plainHttpIsRefused() {
        assertThatThrownBy(() -> new MetadataDocumentFetch().fetch(URI.create("http://app.example.com/client.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("https only");
    }

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefused() {
        for (String url : List.of("https://127.0.0.1/client.json", "https://10.0.0.5/client.json",
                "https://192.168.1.1/client.json", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/client.json", "https://[fd00::1]/client.json")) {
            assertThatThrownBy(() -> new MetadataDocumentFetch().fetch(URI.create(url))).as(url)
                    .isInstanceOf(IOException.class).hasMessageContaining("blocked address");
        }
    }

    @Test
    void aPublicNameThatResolvesToAPrivateAddressIsRefused() {
        MetadataDocumentFetch fetch = new MetadataDocumentFetch(
                host -> List.of(InetAddress.getByName("10.1.2.3")), AddressRules.standard());
        assertThatThrownBy(() -> fetch.fetch(URI.create("https://clients.attacker-site.com/id.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("blocked address");
        MetadataDocumentFetch mixed = new MetadataDocumentFetch(host -> List.of(InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("127.0.0.1")), AddressRules.standard());
        assertThatThrownBy(() -> mixed.fetch(URI.create("https://rebind.attacker-site.com/id.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("blocked address");
    }
}
