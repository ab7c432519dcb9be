package io.kafkasse.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import io.kafkasse.auth.StreamAccess;
import io.kafkasse.error.AccessProblem;
import io.kafkasse.error.ProblemResponses;

/**
 * Keeps the operations endpoints ({@link Operations}) to callers with {@code sse.auth.admin-role}: they tell which
 * topics are read, by how many clients, from where, at which offsets. A JAX-RS filter, so that the 401 and 403 carry
 * the CORS headers and the problem+json body of every other answer.
 */
@Provider
@Operations
public class OperationsAccess implements ContainerRequestFilter {

    @Inject
    StreamAccess access;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            access.checkOperations(access.tokenOf(http), "/v2/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
        } catch (AccessProblem problem) {
            request.abortWith(ProblemResponses.of(problem));
        }
    }
}
