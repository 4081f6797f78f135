package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a POST's SSE stream tells about resuming it: last id, retry, and whether the answer came. */
class SseScanTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // stream (\n and \r written as such) | last id | retry | responded
            "'id: s1::1\\nretry: 5000\\ndata: \\n\\n'                                   | s1::1 | 5000 | false",
            "'id: s1::1\\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}\\n\\n'    | s1::1 | -1   | true",
            "'data: {\"result\":{\"content\":[]},\"jsonrpc\":\"2.0\",\"id\":2}\\n\\n' |       | -1   | true",
            "'data: {\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-1}}\\n\\n'      |       | -1   | true",
            "'data: {\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"sampling/createMessage\",\"params\":{\"result\":1}}\\n\\n' | | -1 | false",
            "'data: {\"method\":\"notifications/message\",\"params\":{\"error\":\"x\"}}\\n\\n' | | -1 | false",
            "'data: {\"jsonrpc\":\"2.0\",\"id\":2,\\ndata: \"result\":{}}\\n\\n'      |       | -1   | true",
            "'id: a\\r\\nretry: 10\\r\\ndata: \\r\\n\\r\\nid: b\\r\\n\\r\\n'          | b     | 10   | false",
            "'data: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}\\n'                    |       | -1   | false",
            "'retry: soon\\nid: x\\u0000y\\ndata: not json\\n\\n'                       |       | -1   | false",
            "': comment\\nevent: message\\nid:nospace\\n\\n'                            | nospace | -1 | false",
    })
    void readsWhatResumingNeeds(String stream, String lastId, long retry, boolean responded) {
        SseScan scan = new SseScan();
        byte[] bytes = stream.replace("\\n", "\n").replace("\\r", "\r").replace("\\u0000", "\u0000")
                .getBytes(StandardCharsets.UTF_8);
        // fed in two-byte pieces: lines and events span buffers
        for (int i = 0; i < bytes.length; i += 2) {
            scan.accept(ByteBuffer.wrap(bytes, i, Math.min(2, bytes.length - i)));
        }
        assertThat(scan.lastId()).isEqualTo(lastId);
        assertThat(scan.retryMillis()).isEqualTo(retry);
        assertThat(scan.responded()).isEqualTo(responded);
    }

    @Test
    void anOverlongLineCountsAsAnAnswerSoTheStreamIsNeverResumed() {
        SseScan scan = new SseScan();
        scan.accept(ByteBuffer.wrap("id: s::1\ndata: ".getBytes(StandardCharsets.UTF_8)));
        scan.accept(ByteBuffer.allocate(SseScan.MAX_LINE_BYTES + 10));
        scan.accept(ByteBuffer.wrap("\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(scan.responded()).isTrue();
    }

    @Test
    void readingLeavesTheBufferAsItWas() {
        ByteBuffer buffer = ByteBuffer.wrap("id: 1\n".getBytes(StandardCharsets.UTF_8));
        new SseScan().accept(buffer);
        assertThat(buffer.remaining()).isEqualTo(6);
    }
}
