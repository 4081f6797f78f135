package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A POST's SSE stream that the server closes before answering is continued by GET with Last-Event-ID (SEP-1699), and
 * the caller reads one stream with the answer; streams that answered, or gave no id, are left alone.
 */
class ResumingHttpClientTest {
    private static final String ANSWER = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[]}}";
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Server server;
    private volatile String postStream;
    private volatile int closesBeforeAnswer;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String lastId = request.getHeader("Last-Event-ID");
                seen.add(request.getMethod() + " " + (lastId == null ? "-" : lastId) + " "
                        + request.getHeader("Authorization") + " " + request.getHeader("Mcp-Session-Id"));
                response.setContentType("text/event-stream");
                if ("POST".equals(request.getMethod())) {
                    response.getWriter().write(postStream);
                } else if (closesBeforeAnswer-- > 0) {
                    response.getWriter().write("id: s::" + (seen.size()) + "\n\n");
                } else {
                    response.getWriter().write("id: s::9\ndata: " + ANSWER + "\n\n");
                }
            }
        }), "/mcp");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aStreamClosedBeforeTheAnswerIsResumedWithTheLastEventIdAndTheCallersHeaders() throws Exception {
        postStream = "id: s::1\nretry: 60000\ndata: \n\n";
        String body = post();
        assertThat(body).contains("id: s::1").contains(ANSWER);
        assertThat(seen).containsExactly("POST - Bearer t sess", "GET s::1 Bearer t sess");
    }

    @Test
    void resumesAgainAfterTheServersRetryUntilTheAnswerComes() throws Exception {
        postStream = "id: s::1\nretry: 50\ndata: \n\n";
        closesBeforeAnswer = 1;
        assertThat(post()).contains(ANSWER);
        assertThat(seen).containsExactly("POST - Bearer t sess", "GET s::1 Bearer t sess",
                "GET s::2 Bearer t sess");
    }

    @Test
    void givesUpAfterTheBoundAndTheStreamEndsAsItWould() throws Exception {
        postStream = "id: s::1\nretry: 1\ndata: \n\n";
        closesBeforeAnswer = 100;
        assertThat(post()).doesNotContain(ANSWER);
        assertThat(seen).hasSize(1 + ResumedStream.MAX_RESUMPTIONS);
    }

    @Test
    void aStreamThatAnsweredOrGaveNoIdIsNotResumed() throws Exception {
        postStream = "id: s::1\ndata: " + ANSWER + "\n\n";
        assertThat(post()).contains(ANSWER);
        postStream = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n\n";
        post();
        assertThat(seen).containsExactly("POST - Bearer t sess", "POST - Bearer t sess");
    }

    private String post() throws Exception {
        HttpClient client = ResumingHttpClient.builder(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURI().toString().replaceAll("/$", "")
                        + "/mcp")).header("Authorization", "Bearer t").header("Mcp-Session-Id", "sess")
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(20, TimeUnit.SECONDS).body();
    }
}
