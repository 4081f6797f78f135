package dev.bulwark.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialPatternsTest {
    private static final List<String> PIECES = List.of("", " ", "x", "A", "-", "_", ".", ":", "/", "@", "\n",
            "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----", "eyJhbGciOiJIUzI1NiJ9.", "eyJzdWIiOiIxIn0.",
            "Bearer ", "BEARER ", "bEaReR\t", "abcdefghijklmnopqrstuvwxyz012345", "sk-", "rk_live_", "sk_test_",
            "ghp_", "gho_", "github_pat_", "AKIA", "ASIA", "ABCDEFGHIJKLMNOP", "xoxb-", "xoxz-", "AIza",
            "SyA-1234567890abcdefghijklmnopqrstu", "https://", "user:pass@", "2026-12-07T15:20:00Z", "hello world",
            "support-bot", "sk", "gh", "AKI", "://", "bwk_", "bwa_", "bwc_", "support-bot_", "bw");

    @Test
    void findsACredentialExactlyWhenTheShapesMatch() {
        Random random = new Random(11);
        int found = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String s = text.toString();
            boolean matches = s.length() >= 14 && CredentialPatterns.ANY_SHAPE.matcher(s).find();
            found += matches ? 1 : 0;
            assertThat(CredentialPatterns.credentialIn(s).isPresent()).as(s).isEqualTo(matches);
        }
        assertThat(found).as("the generated texts include credentials").isGreaterThan(2_000);
    }

    @Test
    void everyShapeStillNamesItsKind() {
        assertThat(CredentialPatterns.credentialIn("key -----BEGIN EC PRIVATE KEY----- abc")).contains("private-key");
        assertThat(CredentialPatterns.credentialIn("t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")).contains("jwt");
        assertThat(CredentialPatterns.credentialIn("Authorization: bEaReR abcdefghijklmnop1234"))
                .contains("bearer-token");
        assertThat(CredentialPatterns.credentialIn("key sk-abcdefghijklmnop1234")).contains("secret-key");
        assertThat(CredentialPatterns.credentialIn("key rk_live_abcdefghijklmnop1234")).contains("secret-key");
        assertThat(CredentialPatterns.credentialIn("ghp_abcdefghijklmnopqrstuvwxyz")).contains("github-token");
        assertThat(CredentialPatterns.credentialIn("id AKIAABCDEFGHIJKLMNOP")).contains("aws-access-key");
        assertThat(CredentialPatterns.credentialIn("xoxb-1234567890-abc")).contains("slack-token");
        assertThat(CredentialPatterns.credentialIn("AIzaSyA-1234567890abcdefghijklmnopqrstu")).contains("google-api-key");
        assertThat(CredentialPatterns.credentialIn("see https://user:secret@example.com/x")).contains("url-credentials");
        assertThat(CredentialPatterns.credentialIn("2026-12-07T15:20:00Z support-bot")).isEmpty();
        assertThat(CredentialPatterns.credentialIn("client_id=bwk_support-bot_Dn1kM77h4d-94YVdHNHfc8H4Tjd84L210ThaXrb3"
                + "gu0")).contains("bulwark-key");
        assertThat(CredentialPatterns.credentialIn("bwa_carol_6yRNOyyu6JDFOVAdhAFX55WJSmPJm6cEtZdMASbiI9w"))
                .contains("bulwark-key");
        assertThat(CredentialPatterns.credentialIn("admin bwa_6yRNOyyu6JDFOVAdhAFX55WJSmPJm6cEtZdMASbiI9w"))
                .contains("bulwark-key");
        assertThat(CredentialPatterns.credentialIn("client bwc_6yRNOyyu6JDFOVAdhAFX55")).as("a public client id")
                .isEmpty();
    }
}
