package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The recognizer runs its URL-password pattern only where a match can start; these tests compare it with a plain
 * {@code find()} loop over the whole text, which is what it replaced.
 */
class SecretRecognizerTest {
    private static final String[] PIECES = {"api_key", "apikey", "API-KEY", "token", "Token", "my", "x1", "pass",
            "passwd", "pwd", "secret", "client_secret", "bearer", "auth.token", "credentials", "Passphrase", "=",
            "=>", ":", ": ", " ", " ", "  ", "\"", "'", "abc123XYZ789def", "Zq8vN3kP0sLw7RtY2", "hunter2", "https://",
            "ftp://", "://", "a", "ab", "svn+ssh", "user", "@", "host.com", "/", "_", ".", "-", "1", "é", "\n",
            "xxxxxx", "<redacted>", "https://bob:", "svn+ssh://u:", "s3cr3t", "@db.example.com", ":pw@h", "https://bob:s3cr3t@db.example.com", "abcdefghijklmnopqrstu", "0123456789abcdefghij"};

    @Test
    void findsWhatAFindLoopFindsOnGeneratedTexts() {
        int urlPasswords = 0;
        for (String text : GeneratedTexts.of(7, PIECES, 40_000, 16)) {
            List<Finding> found = recognize(text);
            List<Finding> expectedUrl = referenceUrlPasswords(text);
            assertThat(found.stream().filter(f -> f.detector().equals("url-password")).toList()).as(text)
                    .isEqualTo(expectedUrl);
            urlPasswords += expectedUrl.size();
        }
        // Matches must be common in the generated texts, or the comparison proves little.
        assertThat(urlPasswords).isGreaterThan(500);
    }

    /**
     * Red team, regression: Bulwark's own credentials (an agent's API key, an approver key, the admin token) have no
     * vendor shape here, but their 256 random bits are found as a secret wherever a tool's output or an egress
     * argument carries them, the whole key covered.
     */
    @Test
    void findsBulwarksOwnKeys() {
        for (String key : List.of("bwk_support-bot_Dn1kM77h4d-94YVdHNHfc8H4Tjd84L210ThaXrb3gu0",
                "bwa_carol_6yRNOyyu6JDFOVAdhAFX55WJSmPJm6cEtZdMASbiI9w", "bwa_6yRNOyyu6JDFOVAdhAFX55WJSmPJm6cEtZdMASbiI9w")) {
            String text = "the key is " + key + ".";
            int secretStart = text.length() - 44;
            assertThat(new SecretDetector().detect(text)).as(key).anySatisfy(f -> {
                assertThat(f.start()).isLessThanOrEqualTo(secretStart);
                assertThat(f.end()).isGreaterThanOrEqualTo(text.length() - 1);
            });
        }
    }

    @Test
    void findsAPasswordInAUrlAndAnAssignedKey() {
        List<Finding> found = recognize("db: postgres://admin:S3cr3tPa55@db.internal/app and api_key=Zq8vN3kP0sLw7RtY2x");
        assertThat(found).extracting(Finding::type).containsExactly("PASSWORD", "API_KEY");
    }

    @Test
    void ignoresSchemesTooLongOrStartingWithADigit() {
        assertThat(recognize("abcdefghijklmnopqrstuv://u:secretpw@h.com")).isEmpty();
        assertThat(recognize("9ftp://u:secretpw@h.com")).isEmpty();
        assertThat(recognize("://u:secretpw@h.com")).isEmpty();
    }

    @Test
    void findsEveryVendorPrefixAfterTheTwoCharacterPreCheck() {
        String[] tokens = {"AKIAZ7Q3LRX5MK2PWN4T", "ASIAZ7Q3LRX5MK2PWN4T", "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
                "github_pat_11ABCDEFG0123456789_abcdefGHIJKL", "xoxb-1234567890-abcdefghijKLMN",
                "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_test_4eC39HqLyjWDarjtT1zdp7dc",
                "sk-proj-Zq8vN3kP0sLw7RtY2xB4cD6eF8", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
                "glpat-Zq8vN3kP0sLw7RtY2xB4", "npm_Zq8vN3kP0sLw7RtY2xB4cD6eF8gH0jK2mN4p",
                "SG.Zq8vN3kP0sLw7RtY2xB4cD.Zq8vN3kP0sLw7RtY2xB4cD6eF8gH0jK2mN4pQ6rS8tU0wY",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl"};
        for (String token : tokens) {
            assertThat(recognize("key " + token + " here")).as(token).filteredOn(f -> f.detector().equals("secret-prefix"))
                    .extracting(Finding::start).containsExactly(4);
        }
    }

    private static List<Finding> recognize(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        new SecretRecognizer().recognize(text, out);
        return out.all();
    }

    private static List<Finding> referenceUrlPasswords(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = SecretRecognizer.URL_PASSWORD.matcher(text);
        while (m.find()) {
            out.add("PASSWORD", m.start(1), m.end(1), 0.95, "url-password");
        }
        return out.all();
    }
}
