package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Binary blobs cannot be redacted in part: one holding a secret withholds the output; others pass unchanged. */
class PiiGuardBinarySecretsTest {
    private static final String PEM = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";
    private final PiiGuard guard = new PiiGuard(new PiiRedactor(new PatternPiiDetector(),
            PiiRules.ByDestination.standard(), PiiRedactorTest.KEY, null));

    private static byte[] image(byte[] tail) {
        byte[] png = new byte[200 + tail.length];
        new Random(1).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        System.arraycopy(tail, 0, png, 200, tail.length);
        return png;
    }

    private Screening screen(String mime, byte[] data) {
        return guard.screen(TestCalls.call("s1"), new ToolResult(List.of(
                new Content.Blob(mime, Base64.getEncoder().encodeToString(data))), false));
    }

    @Test
    void withholdsAKeyFileAndAKeyAppendedToAnImage() {
        Screening keyFile = screen("application/x-pem-file", PEM.getBytes(StandardCharsets.US_ASCII));
        Screening disguised = screen("image/png", image(PEM.getBytes(StandardCharsets.US_ASCII)));

        assertThat(keyFile).isInstanceOf(Screening.Block.class);
        assertThat(((Screening.Block) keyFile).reason()).contains("PRIVATE_KEY").doesNotContain("b3Bl");
        assertThat(disguised).isInstanceOf(Screening.Block.class);
    }

    @Test
    void passesOrdinaryImagesIncludingRandomLookingMetadata() {
        assertThat(screen("image/png", image(new byte[0]))).isInstanceOf(Screening.Pass.class);
        byte[] metadata = "xmp.did:F77F117407206811822AA3C1F8A5 DocumentID aB3dE5fG7hJ9kL1mN3pQ5rS7tU9"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(screen("image/jpeg", image(metadata))).isInstanceOf(Screening.Pass.class);
    }

    @Test
    void refusesBinaryContentThatIsNotBase64AndLetsAllowedSecretsThrough() {
        ToolResult bad = new ToolResult(List.of(new Content.Blob("image/png", "%%% not base64 %%%")), false);
        assertThat(guard.screen(TestCalls.call("s1"), bad)).isInstanceOf(Screening.Block.class);

        PiiGuard allowing = new PiiGuard(new PiiRedactor(new PatternPiiDetector(), new PiiRules.ByDestination(
                Map.of(Destination.TOOL_OUTPUT, PiiRules.all(PiiAction.ALLOW))), PiiRedactorTest.KEY, null));
        Screening s = allowing.screen(TestCalls.call("s1"), new ToolResult(List.of(new Content.Blob(
                "application/octet-stream", Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)))),
                false));
        assertThat(s).isNotInstanceOf(Screening.Block.class);
    }
}
