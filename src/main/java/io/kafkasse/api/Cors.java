package io.kafkasse.api;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kafkasse.config.CorsPolicy;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.ServletProblems;
import io.kafkasse.error.StreamProblem;

/**
 * CORS for the API ({@code sse.cors.*}), the same on every server: a page of an allowed origin may open streams with
 * its browser's EventSource and read every answer, errors included; a preflight is answered here. The headers go on
 * before anything answers ({@link ApiFilter} calls this first), so that they are on every answer, streams (whichever
 * writer) and errors alike. A page of another origin gets no CORS header, so its browser keeps the answer from it; its
 * preflight gets {@code 403}.
 */
@ApplicationScoped
public class Cors {

    /**
     * What a page may send: EventSource's own headers (Last-Event-ID on a reconnect makes it a request with a
     * preflight), a request id, and what fetch() clients set (a bearer token among them).
     */
    static final String ALLOWED_HEADERS = "Accept, Authorization, Cache-Control, Content-Type, Last-Event-ID, X-Request-ID";
    /** What a page may read besides the safelisted headers. */
    static final String EXPOSED_HEADERS = "X-Request-ID, Retry-After, WWW-Authenticate";
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    @Inject
    ServiceConfig config;

    /**
     * Puts the CORS headers on the answer to come.
     *
     * @return whether the request is answered already (a preflight, allowed or refused): nothing else may answer it
     */
    boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CorsPolicy cors = config.cors();
        String origin = request.getHeader("Origin");
        if (!cors.enabled() || origin == null) {
            return false;
        }
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (cors.variesByOrigin()) {
            response.addHeader("Vary", "Origin");
        }
        String allowed = cors.allowOrigin(origin);
        if (allowed == null) {
            if (preflight) {
                ServletProblems.write(response, new StreamProblem(HttpServletResponse.SC_FORBIDDEN, "origin-not-allowed",
                        "Origin not allowed", "This origin may not read the API; the operator lists the origins that may in "
                        + "sse.cors.allowed-origins", Map.of()));
                return true;
            }
            return false;
        }
        response.setHeader("Access-Control-Allow-Origin", allowed);
        if (cors.allowCredentials()) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (preflight) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return true;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return false;
    }
}
