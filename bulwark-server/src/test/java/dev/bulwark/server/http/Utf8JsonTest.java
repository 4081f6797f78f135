package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8JsonTest {
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json | false",
            "application/json; charset=utf-8 | false",
            "application/json;charset=UTF-8 | false",
            "application/json; charset=\"utf-8\" | false",
            "application/json; Charset = UTF8 | false",
            "application/json; profile=x | false",
            "application/json; charset=utf-16 | true",
            "application/json; charset=UTF-16LE | true",
            "application/json; charset=iso-8859-1 | true",
            "application/json; charset=utf-32 | true",
            "application/json; charset=utf-8; charset=utf-16 | true",
            "application/json; charset= | true",
            "application/json; charset=\"\" | true"})
    void refusesEveryDeclaredCharsetButUtf8(String contentType, boolean other) {
        assertThat(Utf8Json.declaresOtherCharset(contentType)).as(contentType).isEqualTo(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE"})
    void bodiesInOtherUnicodeEncodingsAreRecognised(String charset) {
        assertThat(Utf8Json.looksOtherwiseEncoded(PING.getBytes(Charset.forName(charset)))).as(charset).isTrue();
    }

    @org.junit.jupiter.api.Test
    void utf8BodiesPassAndAByteOrderMarkDoesNot() {
        assertThat(Utf8Json.looksOtherwiseEncoded(PING.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Utf8Json.looksOtherwiseEncoded(" \n{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Utf8Json.looksOtherwiseEncoded("{\"a\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Utf8Json.looksOtherwiseEncoded(new byte[0])).isFalse();
        assertThat(Utf8Json.looksOtherwiseEncoded(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}))
                .isTrue();
        assertThat(Utf8Json.looksOtherwiseEncoded(new byte[] {'{', 0, '}'})).isTrue();
    }
}
