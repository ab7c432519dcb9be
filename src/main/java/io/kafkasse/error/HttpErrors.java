package io.kafkasse.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors the JAX-RS runtime answers by itself under {@code /v2} (a path that matches nothing, a method a resource
 * does not take, an {@code Accept} no resource produces) as problem+json, like every other error of the API, instead
 * of each server's own HTML page. Answers that already carry a body (the service's own problems, a stream's retry
 * frame) pass unchanged; the original headers ({@code Allow} on a 405) are kept. What the container answers before
 * JAX-RS sees a request is {@link ErrorPage}'s.
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
        StreamProblem problem = StatusProblems.of(original.getStatus(), original.getStatusInfo().getReasonPhrase());
        return Response.fromResponse(original).type(ProblemResponses.PROBLEM_JSON).entity(problem.toJson().toString()).build();
    }
}
