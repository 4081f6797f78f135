package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import dev.bulwark.testkit.FailingDetector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiGuardTest {
    private final PiiGuard guard = new PiiGuard(new PiiRedactor(PiiRedactorTest.DETECTOR,
            PiiRules.ByDestination.standard(), PiiRedactorTest.KEY, null));

    static ToolCall call() {
        return TestCalls.call("s1");
    }

    @Test
    void passesOutputWithoutFindings() {
        assertThat(guard.screen(call(), ToolResult.text("the weather is fine today"))).isInstanceOf(Screening.Pass.class);
    }

    @Test
    void rewritesPiiAndLabelsTheSession() {
        Screening s = guard.screen(call(), ToolResult.text("Customer jane@example.com, card 4111 1111 1111 1111"));
        assertThat(s).isInstanceOf(Screening.Rewrite.class);
        Screening.Rewrite r = (Screening.Rewrite) s;
        assertThat(r.result().joinedText()).isEqualTo("Customer <EMAIL_1>, card ****1111");
        assertThat(r.labels()).containsExactly("pii");
        assertThat(r.reasons()).contains("pii: 1 EMAIL_ADDRESS", "pii: 1 CREDIT_CARD");
    }

    @Test
    void leavesPersonalDataInGovernedRangesButStillRedactsSecretsThere() {
        String text = "[\"jane@example.com\",\"AKIAIOSFODNN7EXAMPLE\",\"mail bob@example.com\"]";
        int firstEnd = text.indexOf(',');
        int secondEnd = text.lastIndexOf(',');
        ToolResult governed = new ToolResult(List.of(new Content.Text(text, List.of(
                new Content.Span(1, firstEnd), new Content.Span(firstEnd + 1, secondEnd)))), false);
        Screening.Rewrite r = (Screening.Rewrite) guard.screen(call(), governed);
        assertThat(r.result().joinedText()).isEqualTo(
                "[\"jane@example.com\",\"<API_KEY_1>\",\"mail <EMAIL_1>\"]");
        assertThat(r.labels()).contains("secret");
    }

    @Test
    void withoutGovernedRangesScreensEverything() {
        Screening.Rewrite r = (Screening.Rewrite) guard.screen(call(),
                ToolResult.text("[\"jane@example.com\"]"));
        assertThat(r.result().joinedText()).isEqualTo("[\"<EMAIL_1>\"]");
    }

    @Test
    void leavesOrganisationNamesInToolOutputAndRedactsThePeopleBesideThem() {
        Screening s = guard.screen(call(), ToolResult.text(
                "Order 5531 shipped by Northwind Logistics Ltd to Dr. Hannah Schmidt."));
        Screening.Rewrite r = (Screening.Rewrite) s;
        assertThat(r.result().joinedText()).contains("Northwind Logistics Ltd").doesNotContain("Hannah Schmidt");
        assertThat(guard.screen(call(), ToolResult.text("Supplier: Northwind Logistics Ltd")))
                .isInstanceOf(Screening.Pass.class);
    }

    @Test
    void redactsOrganisationNamesWhenConfiguredTo() {
        PiiGuard strict = new PiiGuard(new PiiRedactor(PiiRedactorTest.DETECTOR, new PiiRules.ByDestination(
                Map.of(Destination.TOOL_OUTPUT, new PiiRules(Map.of(PiiRules.ORGANIZATION, PiiAction.REDACT),
                        PiiAction.REDACT, 0))), PiiRedactorTest.KEY, null));
        Screening.Rewrite r = (Screening.Rewrite) strict.screen(call(),
                ToolResult.text("Supplier: Northwind Logistics Ltd"));
        assertThat(r.result().joinedText()).isEqualTo("Supplier: <ORG_1>");
    }

    @Test
    void masksAnSsnNamedAsOneEvenWhereItsDigitsCouldDialAPhone() {
        Screening.Rewrite r = (Screening.Rewrite) guard.screen(call(),
                ToolResult.text("Social security number 536 22 8726, home phone on file."));
        assertThat(r.reasons()).contains("pii: 1 US_SSN").noneMatch(x -> x.contains("PHONE"));
        assertThat(r.result().joinedText()).contains("****8726");
    }

    @Test
    void labelsSecretsAsSecret() {
        Screening.Rewrite r = (Screening.Rewrite) guard.screen(call(), ToolResult.text("AKIAIOSFODNN7EXAMPLE"));
        assertThat(r.labels()).contains("pii", "secret");
        assertThat(r.result().joinedText()).isEqualTo("<API_KEY_1>");
    }

    @Test
    void blocksWhenATypeIsBlocked() {
        PiiGuard strict = new PiiGuard(new PiiRedactor(PiiRedactorTest.DETECTOR, new PiiRules.ByDestination(
                Map.of(Destination.TOOL_OUTPUT, new PiiRules(Map.of("US_SSN", PiiAction.BLOCK), PiiAction.REDACT, 0))),
                PiiRedactorTest.KEY, null));
        Screening s = strict.screen(call(), ToolResult.text("SSN 536-22-8726"));
        assertThat(s).isInstanceOf(Screening.Block.class);
        assertThat(((Screening.Block) s).reason()).contains("US_SSN").doesNotContain("536");
    }

    @Test
    void screensTextualBlobsAndLeavesImagesAlone() {
        String json = Base64.getEncoder().encodeToString("{\"email\":\"jane@example.com\"}"
                .getBytes(StandardCharsets.UTF_8));
        Content.Blob image = new Content.Blob("image/png", "iVBORw0KGgo=");
        ToolResult result = new ToolResult(List.of(new Content.Blob("application/json", json), image), false);
        Screening.Rewrite r = (Screening.Rewrite) guard.screen(call(), result);
        Content.Blob out = (Content.Blob) r.result().content().get(0);
        assertThat(new String(Base64.getDecoder().decode(out.base64Data()), StandardCharsets.UTF_8))
                .isEqualTo("{\"email\":\"<EMAIL_1>\"}");
        assertThat(r.result().content().get(1)).isSameAs(image);
    }

    @Test
    void blocksTextualBlobsThatCannotBeDecoded() {
        ToolResult bad = new ToolResult(List.of(new Content.Blob("text/plain", "%%% not base64 %%%")), false);
        assertThat(guard.screen(call(), bad)).isInstanceOf(Screening.Block.class);
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        ToolResult binary = new ToolResult(List.of(new Content.Blob("text/plain", notUtf8)), false);
        assertThat(guard.screen(call(), binary)).isInstanceOf(Screening.Block.class);
    }

    @Test
    void blocksWhenTheDetectorFails() {
        Detector broken = new FailingDetector("boom");
        PiiGuard failing = new PiiGuard(new PiiRedactor(broken, PiiRules.ByDestination.standard(),
                PiiRedactorTest.KEY, null));
        Screening s = failing.screen(call(), ToolResult.text("anything"));
        assertThat(s).isInstanceOf(Screening.Block.class);
        assertThat(((Screening.Block) s).reason()).contains("IllegalStateException");
    }

    @Test
    void labelsAllowedPiiWithoutChangingTheOutput() {
        PiiGuard lenient = new PiiGuard(new PiiRedactor(PiiRedactorTest.DETECTOR, new PiiRules.ByDestination(
                Map.of(Destination.TOOL_OUTPUT, PiiRules.all(PiiAction.ALLOW))), PiiRedactorTest.KEY, null));
        ToolResult result = ToolResult.text("mail jane@example.com");
        Screening.Rewrite r = (Screening.Rewrite) lenient.screen(call(), result);
        assertThat(r.result()).isSameAs(result);
        assertThat(r.labels()).containsExactly("pii");
    }
}
