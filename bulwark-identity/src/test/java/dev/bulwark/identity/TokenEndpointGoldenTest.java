package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases of the token endpoint: {@code src/test/resources/token-endpoint/<case>/input} holds form parameters,
 * one {@code name=value} a line (repeats allowed), plus {@code basic=id:secret} or {@code authorization=<raw header>};
 * {@code {{placeholders}}} name fixtures. {@code expected} holds {@code status}, and optionally {@code error},
 * {@code agent}, {@code user}, {@code scope}, {@code expires_in}, {@code issued_token_type} (exact) and
 * {@code description}, {@code audit} (contained).
 */
class TokenEndpointGoldenTest {
    private static final Path CASES = Path.of("src/test/resources/token-endpoint");

    @TempDir
    Path dir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> list = Files.list(CASES)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsExpected(String name) throws IOException {
        Fixture f = new Fixture(dir);
        Map<String, String> values = placeholders(f, dir.resolve("stranger"));
        Map<String, List<String>> form = new LinkedHashMap<>();
        String authorization = null;
        for (String line : Files.readAllLines(CASES.resolve(name).resolve("input"), StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = line.substring(0, eq);
            String value = substitute(line.substring(eq + 1), values);
            switch (key) {
                case "basic" -> authorization = "Basic " + Base64.getEncoder()
                        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
                case "authorization" -> authorization = value;
                default -> form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> servletForm = new LinkedHashMap<>();
        form.forEach((k, v) -> servletForm.put(k, v.toArray(String[]::new)));

        TokenResponse response = f.endpoint.handle(servletForm, authorization);

        Map<String, String> expected = readExpected(CASES.resolve(name).resolve("expected"));
        assertThat(response.httpStatus()).as("status").isEqualTo(Integer.parseInt(expected.get("status")));
        String json = response.toJson();
        for (String secret : List.of(values.get("botKey"), values.get("otherKey"), values.get("aliceToken"))) {
            assertThat(json).doesNotContain(secret);
            assertThat(response.toString()).doesNotContain(secret);
        }
        if (expected.containsKey("agent")) {
            assertThat(response.agentId()).as("agent").contains(expected.get("agent"));
        }
        switch (response) {
            case TokenResponse.Failed failed -> {
                assertThat(failed.error().code()).as("error").isEqualTo(expected.get("error"));
                assertThat(json).contains("\"error\":\"" + expected.get("error") + "\"")
                        .doesNotContain("\"access_token\"");
                if (expected.containsKey("description")) {
                    assertThat(failed.description()).contains(expected.get("description"));
                }
                if (expected.containsKey("audit")) {
                    assertThat(failed.auditReason()).contains(expected.get("audit"));
                }
                assertThat(expected).doesNotContainKeys("user", "scope");
            }
            case TokenResponse.Issued issued -> {
                assertThat(expected).doesNotContainKey("error");
                assertThat(json).contains("\"token_type\":\"Bearer\"");
                assertThat(f.authenticator.authenticate(issued.accessToken()))
                        .isInstanceOf(dev.bulwark.spi.identity.Authentication.Authenticated.class);
                assertThat(issued.userId()).as("user").isEqualTo(Optional.ofNullable(expected.get("user")));
                if (expected.containsKey("scope")) {
                    assertThat(json).contains("\"scope\":\"" + expected.get("scope") + "\"");
                }
                if (expected.containsKey("expires_in")) {
                    assertThat(issued.expiresIn()).isEqualTo(Long.parseLong(expected.get("expires_in")));
                }
                if (expected.containsKey("issued_token_type")) {
                    assertThat(issued.issuedTokenType()).contains(expected.get("issued_token_type"));
                }
            }
        }
    }

    private static Map<String, String> placeholders(Fixture f, Path strangerDir) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("botKey", f.agent("bot"));
        v.put("otherKey", f.agent("other"));
        v.put("sleepyKey", f.agent("sleepy"));
        f.agents.suspend("sleepy");
        f.users.register("alice", Set.of("analyst"), Map.of("region", "eu"));
        v.put("audience", Fixture.AUDIENCE);
        v.put("aliceToken", f.userToken("alice"));
        v.put("aliceTokenForOther", f.endpoint.issueUserToken("alice", Duration.ofHours(1), Optional.of("other"))
                .value());
        v.put("botAccessToken", f.accessToken("bot", v.get("botKey")));
        Instant past = f.clock.instant().minus(Duration.ofHours(2));
        v.put("expiredAliceToken", f.signer().sign(TokenUse.USER, "alice", Optional.empty(), Optional.empty(),
                Set.of("mcp"), past, past.plus(Duration.ofHours(1))).value());
        Fixture stranger = new Fixture(strangerDir);
        stranger.users.register("alice", Set.of(), Map.of());
        v.put("forgedAliceToken", stranger.userToken("alice"));
        return v;
    }

    private static String substitute(String value, Map<String, String> values) {
        String out = value;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        if (out.contains("{{")) {
            throw new IllegalArgumentException("unknown placeholder in " + value);
        }
        return out;
    }

    private static Map<String, String> readExpected(Path file) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                int eq = line.indexOf('=');
                expected.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return expected;
    }
}
