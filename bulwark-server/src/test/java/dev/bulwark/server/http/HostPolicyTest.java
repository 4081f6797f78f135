package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPolicyTest {

    @ParameterizedTest(name = "bind {0}, public {1}, extra {2}: Host {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            127.0.0.1 | -                          | -              | 127.0.0.1:8080          | true
            127.0.0.1 | -                          | -              | localhost:8080          | true
            127.0.0.1 | -                          | -              | LocalHost.              | true
            127.0.0.1 | -                          | -              | [::1]:8080              | true
            127.0.0.1 | -                          | -              | ::1                     | true
            127.0.0.1 | -                          | -              | evil.example            | false
            127.0.0.1 | -                          | -              | evil.example:8080       | false
            127.0.0.1 | -                          | -              | localhost.evil.example  | false
            127.0.0.1 | -                          | -              | 127.0.0.2               | false
            127.0.0.1 | -                          | -              | -                       | false
            127.0.0.1 | -                          | -              | ''                      | false
            127.0.0.1 | https://gw.example.com     | -              | gw.example.com          | true
            127.0.0.1 | -                          | app.internal   | APP.internal:443        | true
            localhost | -                          | -              | 127.0.0.1               | true
            0.0.0.0   | https://gw.example.com     | -              | gw.example.com:443      | true
            0.0.0.0   | https://gw.example.com     | -              | localhost               | false
            0.0.0.0   | https://gw.example.com     | -              | 10.0.0.5                | false
            0.0.0.0   | -                          | gw.internal    | evil.example            | false
            0.0.0.0   | -                          | -              | anything.example        | true
            """)
    void decidesByHostName(String bind, String publicUrl, String extra, String host, boolean allowed) {
        List<String> configured = extra == null ? List.of() : Arrays.asList(extra.split(","));
        HostPolicy policy = HostPolicy.of(bind, Optional.ofNullable(publicUrl), configured);
        assertThat(policy.allows(host)).isEqualTo(allowed);
    }
}
