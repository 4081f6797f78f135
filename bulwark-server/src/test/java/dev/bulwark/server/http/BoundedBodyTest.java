package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A request whose stream hands out at most {@code perRead} bytes a read, declaring {@code declared} (or -1). */
    private static HttpServletRequest request(byte[] sent, long declared, int perRead) {
        ServletInputStream in = new ServletInputStream() {
            private int at;

            @Override
            public boolean isFinished() {
                return at == sent.length;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int available() {
                return sent.length - at;
            }

            @Override
            public int read() {
                return at == sent.length ? -1 : sent[at++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == sent.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, perRead), sent.length - at);
                System.arraycopy(sent, at, b, off, n);
                at += n;
                return n;
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(BoundedBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> declared;
                    case "getInputStream" -> in;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void aDeclaredBodyIsReadWholeInPiecesOfAnySize() throws Exception {
        for (int size : new int[] {1, 200, 1024, 1025, 8192, 20_000}) {
            for (int perRead : new int[] {1, 7, 8192, Integer.MAX_VALUE}) {
                byte[] sent = bytes(size);
                assertThat(BoundedBody.read(request(sent, size, perRead), 65_536, TIMEOUT))
                        .isInstanceOfSatisfying(BoundedBody.Read.class, r -> assertThat(r.bytes()).isEqualTo(sent));
            }
        }
    }

    @Test
    void aBodyWithoutLengthGrowsUpToTheLimitAndNotPast() throws Exception {
        for (int size : new int[] {0, 1, 1023, 1024, 1025, 5000, 65_536}) {
            byte[] sent = bytes(size);
            assertThat(BoundedBody.read(request(sent, -1, 3000), 65_536, TIMEOUT))
                    .isInstanceOfSatisfying(BoundedBody.Read.class, r -> assertThat(r.bytes()).isEqualTo(sent));
        }
        assertThat(BoundedBody.read(request(bytes(65_537), -1, 3000), 65_536, TIMEOUT))
                .isInstanceOf(BoundedBody.TooLarge.class);
        assertThat(BoundedBody.read(request(bytes(10), -1, 1), 9, TIMEOUT)).isInstanceOf(BoundedBody.TooLarge.class);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
        assertThat(BoundedBody.read(request(bytes(10), 65_537, 1), 65_536, TIMEOUT))
                .isInstanceOf(BoundedBody.TooLarge.class);
    }

    @Test
    void anEmptyDeclaredBodyIsEmpty() throws Exception {
        assertThat(BoundedBody.read(request(new byte[0], 0, 1), 65_536, TIMEOUT))
                .isInstanceOfSatisfying(BoundedBody.Read.class, r -> assertThat(r.bytes()).isEmpty());
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsWhatArrived() throws Exception {
        byte[] sent = bytes(300);
        assertThat(BoundedBody.read(request(sent, 1000, 64), 65_536, TIMEOUT))
                .isInstanceOfSatisfying(BoundedBody.Read.class,
                        r -> assertThat(r.bytes()).isEqualTo(Arrays.copyOf(sent, 300)));
    }
}
