package dev.bulwark.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads a request body within a size limit and a total deadline. A client that sends its headers and then
 * dribbles (or withholds) the body would otherwise hold a server thread until the connector's idle timeout and end
 * in a 500: the connection's idle timeout is shrunk to the time left before each read, so the read fails at the
 * deadline and the caller answers 408.
 */
final class BoundedBody {
    /** What was read. */
    sealed interface Outcome permits Read, TooLarge, TimedOut {
    }

    record Read(byte[] bytes) implements Outcome {
    }

    record TooLarge() implements Outcome {
    }

    record TimedOut() implements Outcome {
    }

    private BoundedBody() {
    }

    static Outcome read(HttpServletRequest request, int maxBytes, Duration timeout) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            return new TooLarge();
        }
        EndPoint endPoint = endPointOf(request);
        long before = 0;
        boolean shrunk = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        // With a Content-Length the body is read straight into an array of that size; without one, into an array
        // that grows up to one byte over the limit (enough to tell a body over it).
        int limit = (int) Math.min(maxBytes + 1L, Integer.MAX_VALUE - 8);
        byte[] body = new byte[declared >= 0 ? (int) declared : Math.min(1024, limit)];
        int size = 0;
        try (InputStream in = request.getInputStream()) {
            while (true) {
                if (size == declared) {
                    // the container delivers no more than Content-Length: the body is complete
                    return new Read(body);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return new TimedOut();
                }
                // Only a read that may block waits for the client; bytes already received are read as they are,
                // without re-arming the connection's idle timer (a timer task scheduled and cancelled per read).
                if (endPoint != null && in.available() <= 0) {
                    if (!shrunk) {
                        before = endPoint.getIdleTimeout();
                        shrunk = true;
                    }
                    endPoint.setIdleTimeout(left);
                }
                if (size == body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(2L * body.length, limit));
                }
                int n;
                try {
                    n = in.read(body, size, body.length - size);
                } catch (IOException e) {
                    if (System.nanoTime() - deadline >= -Duration.ofMillis(50).toNanos()) {
                        return new TimedOut();
                    }
                    throw e;
                }
                if (n < 0) {
                    return new Read(size == body.length ? body : Arrays.copyOf(body, size));
                }
                size += n;
                if (size > maxBytes) {
                    return new TooLarge();
                }
            }
        } finally {
            if (shrunk) {
                endPoint.setIdleTimeout(before);
            }
        }
    }

    private static EndPoint endPointOf(HttpServletRequest request) {
        try {
            ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
            return jetty == null ? null : jetty.getConnectionMetaData().getConnection().getEndPoint();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
