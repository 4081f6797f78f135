package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** IPv6 addresses are looked for only in texts with two close colons; compared with a {@code find()} loop. */
class NetworkRecognizerTest {
    private static final String[] PIECES = {"2001", "db8", "0", "ffff", "FE80", "abcd", "12345", ":", ":", "::", " ",
            "%eth0", ".", "1", "g", "x", "Name: ", "10:30", "1:2:3", "::1", "fe80::1ff:fe23:4567:890a", "\n", "_", "é"};

    @Test
    void findsTheAddressesAFindLoopFindsOnGeneratedTexts() {
        int found = 0;
        for (String text : GeneratedTexts.of(29, PIECES, 40_000, 10)) {
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new NetworkRecognizer().recognize(text, out);
            List<Finding> expected = reference(text);
            assertThat(out.all().stream().filter(f -> f.score() == 0.85).toList()).as(text).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).isGreaterThan(2_000);
    }

    private static List<Finding> reference(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = NetworkRecognizer.IPV6.matcher(text);
        while (m.find()) {
            String s = m.group();
            int pct = s.indexOf('%');
            if (NetworkRecognizer.validIpv6(pct < 0 ? s : s.substring(0, pct))) {
                out.add("IP_ADDRESS", m.start(), m.end(), 0.85, "ip-address");
            }
        }
        return out.all();
    }
}
