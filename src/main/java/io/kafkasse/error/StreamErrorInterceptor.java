package io.kafkasse.error;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;

import io.kafkasse.config.ReconnectDelay;
import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.observe.CloseReason;

/**
 * Turns every failure of a {@link StreamErrors} method, before its stream starts, into what the client can act on: an
 * HTTP response chosen by {@link ProblemResponses}: problem+json, except that an SSE client turned away by a
 * retryable problem gets a short stream that tells it when to reconnect. Failures after a stream started are the
 * stream's own to report (as an {@code error} event with its id, in {@code delivery.StreamFailures}).
 */
@StreamErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class StreamErrorInterceptor {

    private static final Logger LOG = Logger.getLogger(StreamErrorInterceptor.class.getName());
    /**
     * Clients turned away by a passing failure come back every few seconds ({@code sse.retry-after-error}) until it
     * passes: a warning with a stack trace for each would bury the log while Kafka is away.
     */
    private static final ThrottledWarning TURNED_AWAY = new ThrottledWarning(LOG);

    @Inject
    ReconnectDelay reconnectDelay;

    @AroundInvoke
    public Object guard(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            ResourceCall.of(invocation.getMethod(), invocation.getParameters()).connection()
                    .ifPresent(c -> c.closed(status < 500 ? CloseReason.BAD_REQUEST : CloseReason.ERROR));
            throw e;
        } catch (Exception | Error e) {
            // An Error too (out of heap while opening): escaping, it would skip closing the connection, which keeps
            // its limit places and window leases for good.
            StreamProblem problem = asProblem(e, invocation);
            // A void SSE method cannot return a Response from here: the request would hang. Throwing one works everywhere,
            // with a suspended AsyncResponse too (the runtime resumes it with the exception's response).
            ResourceCall call = ResourceCall.of(invocation.getMethod(), invocation.getParameters());
            call.connection().ifPresent(c -> c.closed(problem.closeReason()));
            long retryMillis = problem.saysWhenToRetry() ? reconnectDelay.afterErrorMillis() : 0;
            throw new WebApplicationException(problem.getMessage(), ProblemResponses.of(problem, call, retryMillis));
        }
    }

    private static StreamProblem asProblem(Throwable e, InvocationContext invocation) {
        if (e instanceof StreamProblem problem) {
            if (problem.retryable()) {
                TURNED_AWAY.warn(() -> "Stream request failed in " + invocation.getMethod().getName() + ": "
                        + problem.getMessage() + (problem.getCause() == null ? "" : " (" + problem.getCause() + ")"));
                LOG.log(Level.FINE, "Stream request failed, retryable: " + problem.getMessage(), problem.getCause());
            } else if (problem.status() >= 500) {
                LOG.log(Level.WARNING, "Stream request failed in " + invocation.getMethod().getName() + ": " + problem.getMessage(),
                        problem.getCause());
            }
            return problem;
        }
        LOG.log(Level.SEVERE, "Unexpected failure in " + invocation.getMethod().getName(), e);
        return StreamProblem.internal(e);
    }
}
