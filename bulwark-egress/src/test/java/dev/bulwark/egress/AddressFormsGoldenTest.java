package dev.bulwark.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden tables of URL and address forms: every row of {@code refused-targets.tsv} is refused by the same two
 * checks the HTTP client goes through (strict parse, then resolve-and-check of every address), with the reason named;
 * every row of {@code allowed-targets.tsv} passes them with its canonical host. No connection is made.
 */
class AddressFormsGoldenTest {
    private static final FakeDns DNS = new FakeDns()
            .answer("rebind.example.org", "10.0.0.1")
            .answer("meta.example.org", "169.254.169.254")
            .answer("mixed.example.org", "93.184.216.34", "127.0.0.1")
            .answer("v6meta.example.org", "fd00:ec2::254")
            .answer("mapped.example.org", "::ffff:127.0.0.1")
            .answer("public.example.org", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .answer("xn--bcher-kva.example.org", "93.184.216.34");
    private static final PinnedResolver RESOLVER = new PinnedResolver(DNS, AddressRules.standard());

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesEveryHostileForm(String url, String reason) {
        assertThatThrownBy(() -> check(url)).isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowsPublicTargets(String url, String host) throws Exception {
        HttpTarget target = HttpTarget.parse(url);
        assertThat(target.host()).isEqualTo(host);
        assertThat(RESOLVER.checked(target.host(), target.port())).isNotEmpty();
    }

    private static void check(String url) throws EgressRefusedException {
        HttpTarget target = HttpTarget.parse(url);
        RESOLVER.checked(target.host(), target.port());
    }

    static Stream<Arguments> refused() throws IOException {
        return rows("egress/refused-targets.tsv");
    }

    static Stream<Arguments> allowed() throws IOException {
        return rows("egress/allowed-targets.tsv");
    }

    private static Stream<Arguments> rows(String resource) throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = AddressFormsGoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                out.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        assertThat(out).hasSizeGreaterThan(5);
        return out.stream();
    }
}
