package io.kafkasse.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** A problem answered by a servlet or a filter, outside JAX-RS: its status and problem+json body. */
public final class ServletProblems {

    private ServletProblems() {
    }

    public static void write(HttpServletResponse response, StreamProblem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(ProblemResponses.PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJson().toString());
    }
}
