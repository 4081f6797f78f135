package dev.bulwark.server.streams;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Tells when the SDK ends an SSE stream. The SDK completes the request's {@link AsyncContext} exactly then (after a
 * call's answer, or when a listening stream closes); the container may also end it earlier when the client goes
 * away, which is not the end of the stream.
 */
final class EndingRequest extends HttpServletRequestWrapper {
    private final Runnable ended;

    EndingRequest(HttpServletRequest request, Runnable ended) {
        super(request);
        this.ended = ended;
    }

    @Override
    public AsyncContext startAsync() {
        return new Ending(super.startAsync(), ended);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return new Ending(super.startAsync(request, response), ended);
    }

    private record Ending(AsyncContext async, Runnable ended) implements AsyncContext {
        @Override
        public void complete() {
            try {
                ended.run();
            } finally {
                async.complete();
            }
        }

        @Override
        public ServletRequest getRequest() {
            return async.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return async.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return async.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            async.dispatch();
        }

        @Override
        public void dispatch(String path) {
            async.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            async.dispatch(context, path);
        }

        @Override
        public void start(Runnable run) {
            async.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            async.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            async.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
            return async.createListener(type);
        }

        @Override
        public void setTimeout(long timeout) {
            async.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return async.getTimeout();
        }
    }
}
