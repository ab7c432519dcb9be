package io.kafkasse.error;

import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.sink.EventChannel;

/**
 * Turns every failure of a {@link StreamErrors} method into what the client can act on. If the invocation carries an
 * {@link EventChannel} that is already open, the problem goes out as an {@code error} event with the stream's current
 * id and the stream ends, so the client reconnects from where it was; otherwise it is answered as
 * {@code application/problem+json}.
 */
@StreamErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class StreamErrorInterceptor {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(StreamErrorInterceptor.class.getName());
    /** A wave of slow clients (a congested network) would otherwise write a warning each. */
    private static final ThrottledWarning TOO_SLOW = new ThrottledWarning(LOG);

    @AroundInvoke
    public Object guard(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (WebApplicationException e) {
            throw e;
        } catch (Exception e) {
            StreamProblem problem = asProblem(e, invocation);
            Optional<EventChannel> open = openChannel(invocation);
            if (open.isPresent()) {
                open.get().fail(problem);
                return null;
            }
            // A void SSE method cannot return a Response from here: the request would hang. Throwing one works everywhere.
            throw new WebApplicationException(problem.getMessage(), Response.status(problem.status())
                    .type(PROBLEM_JSON)
                    .entity(problem.toJson().toString())
                    .build());
        }
    }

    private static StreamProblem asProblem(Exception e, InvocationContext invocation) {
        if (e instanceof StreamProblem problem) {
            if (problem.type().equals(StreamProblem.TOO_SLOW)) {
                TOO_SLOW.warn(() -> "Cut off a client that was too slow: " + problem.getMessage());
            } else if (problem.status() >= 500) {
                LOG.log(Level.WARNING, "Stream request failed in " + invocation.getMethod().getName() + ": " + problem.getMessage(),
                        problem.getCause());
            }
            return problem;
        }
        LOG.log(Level.SEVERE, "Unexpected failure in " + invocation.getMethod().getName(), e);
        return StreamProblem.internal(e);
    }

    private static Optional<EventChannel> openChannel(InvocationContext invocation) {
        return Arrays.stream(invocation.getParameters())
                .filter(EventChannel.class::isInstance)
                .map(EventChannel.class::cast)
                .filter(EventChannel::isStarted)
                .findFirst();
    }
}
