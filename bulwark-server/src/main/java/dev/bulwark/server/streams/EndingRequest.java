package dev.bulwark.server.streams;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when the SDK ends an SSE stream. The SDK completes the request's {@link AsyncContext} exactly then (after a
 * call's answer, or when a listening stream closes). The gateway may release the connection earlier, when the client
 * is gone: the SDK goes on writing (to the recorder) and its own completion later only ends the stream. The SDK is
 * never told that the client went away (neither by a failed write nor by the container's listeners).
 */
final class EndingRequest extends HttpServletRequestWrapper {
    private volatile Runnable ended = () -> { };
    private volatile Ending ending;

    EndingRequest(HttpServletRequest request) {
        super(request);
    }

    /** What to run when the SDK ends the stream; set before the request is handed on. */
    void whenEnded(Runnable action) {
        this.ended = action;
    }

    /** Completes the connection now (the client is gone), once; the SDK's own completion then only ends the stream. */
    void release() {
        Ending started = ending;
        if (started != null) {
            started.completeOnce();
        }
    }

    @Override
    public AsyncContext startAsync() {
        ending = new Ending(super.startAsync(), ended, new AtomicBoolean());
        return ending;
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        ending = new Ending(super.startAsync(request, response), ended, new AtomicBoolean());
        return ending;
    }

    private record Ending(AsyncContext async, Runnable ended, AtomicBoolean completed) implements AsyncContext {
        @Override
        public void complete() {
            try {
                ended.run();
            } finally {
                completeOnce();
            }
        }

        void completeOnce() {
            if (completed.compareAndSet(false, true)) {
                try {
                    async.complete();
                } catch (IllegalStateException over) {
                    // the container ended it already
                }
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

        /**
         * Not passed on: the SDK listens only to close its listening stream when the container ends the connection
         * (the client went away), and that stream must live on, recorded, for the client to resume it. The SDK's
         * own completion needs no listener; a deleted session still closes the stream.
         */
        @Override
        public void addListener(AsyncListener listener) {
            // see above
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            // see above
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
