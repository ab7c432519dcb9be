package io.kafkasse.error;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors the JAX-RS runtime answers by itself under {@code /v2} (a path that matches nothing, a method a resource
 * does not take, an {@code Accept} no resource produces) as problem+json, like every other error of the API, instead
 * of each server's own HTML page. Answers that already carry a body (the service's own problems, a stream's retry
 * frame) pass unchanged; the original headers ({@code Allow} on a 405) are kept.
 */
@Provider
public class HttpErrors implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original == null) {
            return ProblemResponses.of(StreamProblem.internal(exception), null, 0);
        }
        if (original.hasEntity() || original.getStatus() < 400) {
            return original;
        }
        int status = original.getStatus();
        StreamProblem problem = new StreamProblem(status, type(status), title(original), detail(status), Map.of());
        Response.ResponseBuilder answer = Response.fromResponse(original).type(ProblemResponses.PROBLEM_JSON)
                .entity(problem.toJson().toString());
        return answer.build();
    }

    private static String type(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String title(Response original) {
        String reason = original.getStatusInfo().getReasonPhrase();
        return reason == null || reason.isBlank() ? "HTTP " + original.getStatus() : reason;
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "No resource here: the API is GET /v2/stream/{streams}, /v2/streams, /v2/stats, /v2/metrics and"
                    + " /v2/connections";
            case 405 -> "The resource does not take this method; the Allow header lists those it takes";
            case 406 -> "The resource cannot answer in a type the Accept header allows: streams are text/event-stream,"
                    + " application/x-ndjson or application/json";
            case 415 -> "The resource does not take a body of this type";
            default -> "The request was refused with status " + status;
        };
    }
}
