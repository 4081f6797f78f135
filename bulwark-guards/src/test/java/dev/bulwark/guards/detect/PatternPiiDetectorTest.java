package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.spi.guard.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatternPiiDetectorTest {
    private static final PatternPiiDetector DETECTOR = new PatternPiiDetector();
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @Test
    void findsEveryEmailOnceAcrossChunkBoundaries() {
        PatternPiiDetector small = new PatternPiiDetector(PiiDetectorSettings.defaults().withChunks(1024, 256));
        StringBuilder text = new StringBuilder();
        int emails = 0;
        while (text.length() < 20_000) {
            text.append("filler words here ").append("user").append(emails).append("@example.com ");
            emails++;
        }
        List<Finding> found = small.detect(text.toString()).stream()
                .filter(f -> f.type().equals("EMAIL_ADDRESS")).toList();
        assertThat(found).hasSize(emails);
        for (int i = 0; i < found.size(); i++) {
            assertThat(text.substring(found.get(i).start(), found.get(i).end())).isEqualTo("user" + i + "@example.com");
        }
    }

    @Test
    void findsAssignedPasswordsWhateverTheCaseOfTheKeyWord() {
        for (String key : List.of("pwd", "PWD", "Pass", "PASSWORD", "db_Passwd", "pAsSpHrAsE")) {
            String text = "config " + key + ": Zq8!kT2#mW";
            assertThat(DETECTOR.detect(text)).as(key).anySatisfy(f -> {
                assertThat(f.type()).isEqualTo("PASSWORD");
                assertThat(text.substring(f.start(), f.end())).isEqualTo("Zq8!kT2#mW");
            });
        }
    }

    @Test
    void findsAssignedKeysAfterEveryKeyWord() {
        for (String key : List.of("api_key", "SECRET", "Token", "bearer", "Credentials", "x-Api-Key")) {
            String text = "set " + key + "=k9Xr2Lq7Vb3Nw8Zt5Hm1";
            assertThat(DETECTOR.detect(text)).as(key).anySatisfy(f -> {
                assertThat(f.type()).isEqualTo("API_KEY");
                assertThat(text.substring(f.start(), f.end())).isEqualTo("k9Xr2Lq7Vb3Nw8Zt5Hm1");
            });
        }
    }

    @Test
    void keyWordsSplitAcrossOtherLettersAssignNothing() {
        String text = "set p_w_d=k9Xr2Lq7Vb3Nw8Zt5Hm1 and t0ken=k9Xr2Lq7Vb3Nw8Zt5Hm1";
        assertThat(DETECTOR.detect(text)).noneSatisfy(f -> assertThat(f.type()).isIn("API_KEY", "PASSWORD"));
    }

    @Test
    void phoneFindingsDoNotDependOnTheOrderOfTheConfiguredRegions() {
        PiiDetectorSettings d = PiiDetectorSettings.defaults().withMinScore(0);
        List<String> texts = List.of("call 030 1234567 or (555) 201-3344", "fax 07700 900123, tel 01 42 68 53 00",
                "number 98765 43210 and 011 3456-7890", "call 123 4567", "ph 212-555-0187 x 12");
        List<List<String>> orders = List.of(List.of("US", "GB", "DE", "FR", "IN", "BR"),
                List.of("BR", "IN", "FR", "DE", "GB", "US"), List.of("GB", "US", "BR", "DE", "IN", "FR"));
        List<List<Finding>> first = null;
        for (List<String> regions : orders) {
            PatternPiiDetector detector = new PatternPiiDetector(new PiiDetectorSettings(d.minScore(), regions,
                    d.types(), d.chunkSize(), d.chunkOverlap(), d.maxFindings()));
            List<List<Finding>> found = texts.stream().map(detector::detect).toList();
            assertThat(found.stream().flatMap(List::stream).filter(f -> f.type().equals("PHONE_NUMBER"))).isNotEmpty();
            if (first == null) {
                first = found;
            } else {
                assertThat(found).as(regions.toString()).isEqualTo(first);
            }
        }
    }

    @Test
    void findingsAreOrderedAndDoNotOverlap() {
        List<Finding> found = DETECTOR.detect("Dr. Maria Gonzalez, jane@example.com, 4111 1111 1111 1111, "
                + "192.168.1.20, AKIAIOSFODNN7EXAMPLE, 1600 Pennsylvania Avenue, Washington, DC 20500");
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
        }
        assertThat(found).extracting(Finding::type).contains("PERSON", "EMAIL_ADDRESS", "CREDIT_CARD",
                "IP_ADDRESS", "API_KEY", "STREET_ADDRESS");
    }

    @Test
    void privateKeysLongerThanAChunkOverlapAreCoveredWhole() {
        String body = "MIIEpAIBAAKCAQEA".repeat(200);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----";
        String text = "x".repeat(1500) + pem + " tail";
        PatternPiiDetector small = new PatternPiiDetector(PiiDetectorSettings.defaults().withChunks(1024, 256));
        List<Finding> found = small.detect(text);
        assertThat(found).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("PRIVATE_KEY");
            assertThat(text.substring(f.start(), f.end())).isEqualTo(pem);
        });
    }

    @Test
    void truncatedPrivateKeysAreStillFlagged() {
        String text = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg";
        assertThat(DETECTOR.detect(text)).extracting(Finding::type).contains("PRIVATE_KEY");
    }

    @Test
    void survivesBinaryGarbageAndBrokenSurrogates() {
        Random random = new Random(42);
        char[] chars = new char[200_000];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(0x10000);
        }
        String garbage = new String(chars) + " jane@example.com";
        List<Finding> found = assertTimeoutPreemptively(HANG_GUARD, () -> DETECTOR.detect(garbage));
        for (Finding f : found) {
            assertThat(f.end()).isLessThanOrEqualTo(garbage.length());
        }
        assertThat(found).extracting(Finding::type).contains("EMAIL_ADDRESS");
    }

    @Test
    void adversarialInputsFinish() {
        List<String> hostile = List.of(
                "a".repeat(50_000) + "@",
                "1 ".repeat(30_000),
                "1-".repeat(30_000) + "x",
                "A".repeat(40_000) + " 12",
                ("Ab ").repeat(20_000) + "Street",
                ":".repeat(30_000) + "1",
                "eyJ" + "a".repeat(60_000) + ".eyJ",
                "password=" + "x".repeat(60_000),
                "http://" + "a:".repeat(20_000) + "@",
                ("12345 " + "Word ".repeat(5)).repeat(5_000),
                "x@" + "a.".repeat(30_000),
                ("Mr. " + "Jean-".repeat(10)).repeat(3_000),
                "@".repeat(50_000),
                "a@".repeat(25_000),
                "1 Main ".repeat(10_000),
                "12 Rua a b c ".repeat(5_000),
                "Karl - Marx 5 ".repeat(5_000),
                "1 1 1 1 1 1 Street ".repeat(3_000));
        for (String input : hostile) {
            assertTimeoutPreemptively(HANG_GUARD, () -> DETECTOR.detect(input));
        }
    }

    /** The post-box forms, unit words, street types, code-word and ordinary-word checks added for issue 8. */
    @Test
    void adversarialInputsForTheNewerRulesFinish() {
        List<String> hostile = List.of(
                "Postfach 1, 80331 München\n".repeat(8_000),
                "BP B.P. BP. POB Postbus Apartado de Correos Casella Postale ".repeat(4_000) + "1",
                ("B.P" + ".".repeat(50)).repeat(2_000) + " 1",
                ", Lake Moses GN6H 5PD".repeat(8_000),
                "12 Main Street Piano 7 Zimmer 3 Bus 4 Appt 5 ".repeat(4_000),
                ("A_" + "Bc".repeat(20) + ".").repeat(5_000) + "(",
                ("Help Center Sign-On-Off-" + "Up-".repeat(30) + " ").repeat(1_000),
                ("Usamov and Bowers and " ).repeat(8_000),
                ("Anna, see " + "Japan and Chile or ").repeat(4_000),
                "Smith, Jones und Brown et Lee e Rossi y Perez en Jansen ".repeat(4_000));
        for (String input : hostile) {
            assertTimeoutPreemptively(HANG_GUARD, () -> DETECTOR.detect(input));
        }
    }

    @Test
    void refusesMoreFindingsThanTheBound() {
        PatternPiiDetector tight = new PatternPiiDetector(new PiiDetectorSettings(0.35,
                List.of("US"), java.util.Set.of(), 32_768, 1_024, 10));
        String many = "a@example.com ".repeat(50);
        assertThatThrownBy(() -> tight.detect(many)).isInstanceOf(DetectionLimitException.class);
    }

    @Test
    void canBeLimitedToSomeTypes() {
        PatternPiiDetector emailsOnly = new PatternPiiDetector(
                PiiDetectorSettings.defaults().withTypes(java.util.Set.of("EMAIL_ADDRESS")));
        assertThat(emailsOnly.detect("jane@example.com 4111 1111 1111 1111")).extracting(Finding::type)
                .containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void emptyTextHasNoFindings() {
        assertThat(DETECTOR.detect("")).isEmpty();
    }
}
