package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsCheckpointEverySecondAndAnchorAtTheEmbeddedWitnessFailOpen() {
        AuditSettings audit = loader.parse("", "b.yaml").audit();

        assertThat(audit.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(audit.signingKeyFile()).isNull();
        assertThat(audit.witnesses().fileOff()).isFalse();
        assertThat(audit.witnesses().failClosed()).isFalse();
        assertThat(audit.witnesses().lag()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEveryWitnessKey() {
        AuditSettings audit = loader.parse("""
                audit:
                  checkpointPeriod: 250ms
                  signingKeyEnv: BULWARK_AUDIT_KEY
                  witnesses:
                    file: off
                    webhook: https://witness.example/anchors
                    webhookHeaders: {X-Witness: abc}
                    database: jdbc:postgresql://witness/db
                    databaseUser: w
                    failClosed: true
                    maxLag: 30s
                """, "b.yaml").audit();

        assertThat(audit.period()).isEqualTo(Duration.ofMillis(250));
        assertThat(audit.witnesses().fileOff()).isTrue();
        assertThat(audit.witnesses().webhookHeaders()).containsEntry("X-Witness", "abc");
        assertThat(audit.witnesses().failClosed()).isTrue();
        assertThat(audit.witnesses().lag()).isEqualTo(Duration.ofSeconds(30));
        assertThat(loader.parse("audit: {checkpointPeriod: 'off'}", "b.yaml").audit().period()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "audit: {checkpointPeriod: soon}                       | audit.checkpointPeriod",
            "audit: {signingKeyEnv: 'BAD NAME'}                    | audit.signingKeyEnv",
            "audit: {signingKeyFile: ' '}                          | audit.signingKeyFile",
            "audit: {witnesses: {webhook: 'ftp://x/y'}}            | http or https",
            "audit: {witnesses: {webhook: 'https://u:p@x/y'}}      | webhookHeaders",
            "audit: {witnesses: {database: 'postgres://x'}}        | JDBC URL",
            "audit: {witnesses: {maxLag: '-1s'}}                   | audit.witnesses.maxLag",
            "audit: {witnesses: {databasePassword: '${BULWARK_TEST_UNSET_PW}'}} | BULWARK_TEST_UNSET_PW",
            "audit: {witnesses: {nonsense: 1}}                     | unknown key 'nonsense'"})
    void refusesBadWitnessSettings(String yaml, String message) {
        assertThatThrownBy(() -> loader.parse(yaml, "b.yaml")).hasMessageContaining(message.strip());
    }

    @Test
    void webhookHeadersStayOutOfToString() {
        AuditSettings audit = loader.parse("audit: {witnesses: {webhook: 'https://w/a', webhookHeaders: "
                + "{Authorization: 'Bearer secret-1'}}}", "b.yaml").audit();

        assertThat(audit.toString()).doesNotContain("secret-1");
    }
}
