package io.kafkasse.delivery;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.sink.EventChannel;

/**
 * The one place where a failure of a stream that has started becomes what its client sees: an {@code error} event
 * with the problem and the id to resume from (the channel knows it), after which the stream ends. Failures before the
 * stream starts are HTTP answers instead (the {@code StreamErrors} interceptor).
 */
final class StreamFailures {

    private static final Logger LOG = Logger.getLogger(StreamFailures.class.getName());
    /** A wave of slow clients (a congested network) would otherwise write a warning each. */
    private static final ThrottledWarning TOO_SLOW = new ThrottledWarning(LOG);
    private static final ThrottledWarning FAILED = new ThrottledWarning(LOG);

    private StreamFailures() {
    }

    /** @return the problem the client was told of */
    static StreamProblem report(EventChannel channel, Throwable e) {
        StreamProblem problem = asProblem(e);
        channel.fail(problem);
        return problem;
    }

    /** As {@link #report(EventChannel, Throwable)}, with the error event's id given (see ResumeFrom). */
    static StreamProblem report(EventChannel channel, Throwable e, String resumeId) {
        StreamProblem problem = asProblem(e);
        channel.fail(problem, resumeId);
        return problem;
    }

    static StreamProblem asProblem(Throwable e) {
        if (e instanceof StreamProblem problem) {
            if (problem.type().equals(StreamProblem.TOO_SLOW)) {
                TOO_SLOW.warn(() -> "Cut off a client that was too slow: " + problem.getMessage());
            } else if (problem.status() >= 500 && !problem.type().equals("shutting-down")) {
                FAILED.warn(() -> "A stream ended with " + problem.type() + ": " + problem.getMessage()
                        + (problem.getCause() == null ? "" : " (" + problem.getCause() + ")"));
            }
            return problem;
        }
        LOG.log(Level.SEVERE, "A stream failed unexpectedly", e);
        return StreamProblem.internal(e);
    }
}
