package io.kafkasse.error;

import jakarta.ws.rs.core.Response;

/**
 * The HTTP answer to a problem met before a stream started. A permanent problem is its status with a problem+json body,
 * for every client. A retryable one depends on the client: an SSE client gets {@code 200} and a stream that only says
 * when to come back ({@link RetryFrame}), because a browser's EventSource never reconnects after an error status;
 * any other client gets the {@code 503} with {@code Retry-After}.
 */
public final class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    /** The answer to a caller that may not make the request: its status, challenge and problem+json body. */
    public static Response of(AccessProblem problem) {
        return problemJson(problem).header("WWW-Authenticate", problem.challenge()).build();
    }

    /** @param retryMillis the reconnect delay when the problem says when to retry, with its random part already added */
    static Response of(StreamProblem problem, ResourceCall call, long retryMillis) {
        if (!problem.retryable()) {
            Response.ResponseBuilder answer = problemJson(problem);
            if (problem instanceof AccessProblem access) {
                answer.header("WWW-Authenticate", access.challenge());
            }
            // A client over its own limit (429) is told when to try again, but never with a stream: it should stop.
            return (problem.saysWhenToRetry() ? answer.header("Retry-After", RetryFrame.retryAfterSeconds(retryMillis)) : answer)
                    .build();
        }
        if (call.answersSse()) {
            // The headers every stream carries (StreamHeaders adds them too): this answer must pass proxies as one.
            return Response.ok(RetryFrame.of(retryMillis, call.resumeId(), problem.toJson()), ResourceCall.SSE)
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
        }
        return problemJson(problem).header("Retry-After", RetryFrame.retryAfterSeconds(retryMillis)).build();
    }

    static Response.ResponseBuilder problemJson(StreamProblem problem) {
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem.toJson().toString());
    }
}
