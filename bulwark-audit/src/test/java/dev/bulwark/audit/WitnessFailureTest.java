package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.spi.audit.AuditAnchor;
import dev.bulwark.spi.audit.AuditException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Witnesses that cannot take an anchor say so (the publisher then retries); none swallows a failure. */
class WitnessFailureTest {
    private final AuditAnchor anchor = CheckpointSigner.generate().sign(4, "cd".repeat(32), Instant.now()).anchor();
    private final AtomicInteger status = new AtomicInteger(500);
    private HttpServer server;
    private URI url;

    @TempDir
    Path dir;

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/anchors", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (status.get() == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/anchors?token=secret-q");
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void aWebhookThatAnswersAnErrorOrARedirectHasNotTakenTheAnchor() {
        try (WebhookWitness witness = new WebhookWitness(url, Map.of(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> witness.publish(anchor)).isInstanceOf(AuditException.class)
                    .hasMessageContaining("HTTP 500");
            status.set(302);
            assertThatThrownBy(() -> witness.publish(anchor)).hasMessageContaining("HTTP 302");
            status.set(200);
            witness.publish(anchor);
            assertThat(witness.name()).doesNotContain("secret-q").endsWith("/anchors");
        }
    }

    @Test
    void anUnreachableWebhookIsAnError() {
        server.stop(0);
        try (WebhookWitness witness = new WebhookWitness(url, Map.of(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> witness.publish(anchor)).isInstanceOf(AuditException.class)
                    .hasMessageContaining("unreachable");
        }
    }

    @Test
    void credentialsInAWebhookUrlAreRefused() {
        assertThatThrownBy(() -> new WebhookWitness(URI.create("https://user:pw@witness.example/a"), Map.of(),
                Duration.ofSeconds(1))).hasMessageContaining("headers");
    }

    @Test
    void aWitnessFileThatCannotBeOpenedIsAnErrorNotASilentLoss() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("anchors.jsonl")); // unwritable even for root

        assertThatThrownBy(() -> FileWitness.open(notAFile)).isInstanceOf(AuditException.class)
                .hasMessageContaining(notAFile.toString());
        assertThat(FileWitness.read(notAFile).failures()).singleElement().asString()
                .contains("cannot read anchors");
    }

    @Test
    void aNewWitnessFileAndItsDirectoryAreOwnerOnly() throws Exception {
        Path file = dir.resolve("witness/anchors.jsonl");
        FileWitness.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }
}
