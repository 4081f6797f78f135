package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedSecretsTest {
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3Zq8vN3kP0sLw7RtY2xB4cD6eF8gH0jK2mN4pQ6rS8tU0wY\n"
            + "-----END RSA PRIVATE KEY-----\n";
    private static final String PAIR = "AKIAZ7Q3LRX5MK2PWN4T:Wq7vN3kP0sLw7RtY2xB4cD6eF8gH0jK2mN4pQ6r/";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Finding> detect(String text) {
        return new SecretDetector().detect(text);
    }

    /** The finding covers the whole encoded span: redaction leaves nothing of it. */
    private static void coversExactly(String text, String encoded, String type) {
        int at = text.indexOf(encoded);
        assertThat(detect(text)).as(text).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isLessThanOrEqualTo(at);
            assertThat(f.end()).isGreaterThanOrEqualTo(at + encoded.length());
        });
    }

    @Test
    void findsSecretsInsideEveryEncoding() {
        coversExactly("blob " + b64(PEM) + " end", b64(PEM), "PRIVATE_KEY");
        coversExactly("pair=" + b64(PAIR), b64(PAIR), "API_KEY");
        String hex = HexFormat.of().formatHex(PAIR.getBytes(StandardCharsets.UTF_8));
        coversExactly("hex " + hex, hex, "API_KEY");
        String url = java.net.URLEncoder.encode(PEM, StandardCharsets.UTF_8);
        coversExactly("q=" + url, url, "PRIVATE_KEY");
        String spaced = String.join(" ", "AKIAZ7Q3LRX5MK2PWN4T".split(""));
        coversExactly("spelled " + spaced + " out", spaced, "API_KEY");
        String twice = b64(b64(PEM));
        coversExactly(twice, twice, "PRIVATE_KEY");
    }

    @Test
    void findsAKeyBehindAFileHeaderAndABareDerPrivateKey() {
        byte[] pem = PEM.getBytes(StandardCharsets.US_ASCII);
        byte[] png = new byte[8 + pem.length];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        System.arraycopy(pem, 0, png, 8, pem.length);
        String disguised = Base64.getEncoder().encodeToString(png);
        coversExactly("img " + disguised, disguised, "PRIVATE_KEY");
        byte[] der = new byte[39];
        new Random(3).nextBytes(der);
        System.arraycopy(new byte[] {0x30, 37, 0x02, 1, 1, 0x04, 32}, 0, der, 0, 7);
        String bare = Base64.getEncoder().encodeToString(der);
        coversExactly("key " + bare, bare, "PRIVATE_KEY");
    }

    @Test
    void failsClosedBeyondTheDecodingBudgetAndDepth() {
        String blob = b64(PEM);
        assertThat(new SecretDetector(16).detect("x " + blob)).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("SECRET");
            assertThat(f.detector()).isEqualTo("encoded-undecoded");
        });
        String thrice = b64(b64(b64(PEM)));
        assertThat(detect(thrice)).isNotEmpty();
    }

    @Test
    void leavesPublicDataAndHarmlessEncodingsAlone() {
        Random r = new Random(5);
        byte[] image = new byte[300];
        r.nextBytes(image);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, image, 0, 4);
        assertThat(detect("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(image) + "\">"))
                .isEmpty();
        assertThat(detect("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEx3Zq8vN3kP0sLw7RtY2xB4cD6eF8gH0j"
                + "\nK2mN4pQ6rS8tU0wYx3Zq8vN3kP0sLw7RtY2xB4cD6eF8gH0jK2mN4pQ6rS8tU0wY==\n-----END PUBLIC KEY-----"))
                .isEmpty();
        assertThat(detect("config " + b64("{\"theme\": \"dark\", \"lang\": \"en\"}") + " and "
                + b64("hello world, nothing to see here"))).isEmpty();
        assertThat(detect("commit 3f2504e04f8911d39a0c0305e82c33013f2504e0 and sha256 "
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isEmpty();
        assertThat(detect("%zz%%4 100% sure, 50%% off, %41%42%43 = ABC")).isEmpty();
        assertThat(detect("a b c d e f g h i j k l m n o p q r s t u v w x y z")).isEmpty();
    }

    /**
     * Shapes that made a step search the rest of the text once per occurrence (quadratic): many separators in one
     * unspaced line, many stray PEM BEGIN lines, long runs on one long line. A quadratic step would take hours on
     * these 2 MB texts; the timeout only guards against that hang (it is not a benchmark).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void staysLinearOnInputsThatWouldBeQuadratic() {
        List<String> inputs = List.of(
                "{\"token\":\"abc\",".repeat(140_000),
                "-----BEGIN X ".repeat(150_000) + "-----",
                ("k9Xr2Lq7Vb3Nw8Zt5Hm1Qa4 ").repeat(80_000),
                "a:b=c;".repeat(300_000));
        for (String input : inputs) {
            assertThat(new SecretDetector().detect(input)).isNotNull();
            assertThat(new PatternPiiDetector().detect(input.substring(0, 200_000))).isNotNull();
        }
    }

    @Test
    void survivesHostileInput() {
        StringBuilder b = new StringBuilder();
        Random r = new Random(9);
        for (int i = 0; i < 200_000; i++) {
            b.append("A-_/+=%~ 0aZ\n".charAt(r.nextInt(13)));
        }
        assertThat(detect(b.toString())).isNotNull();
        assertThat(detect("=".repeat(10_000) + "%".repeat(10_000) + "a ".repeat(10_000))).isEmpty();
        assertThat(detect("")).isEmpty();
    }
}
