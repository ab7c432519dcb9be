package io.kafkasse.api;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kafkasse.config.ServiceConfig;

/**
 * Headers that keep browsers from misreading the service's answers: every answer is {@code nosniff} (a problem or an
 * event stream is never run as a script or a page); the console's files (everything outside {@code /v2}) also carry
 * its Content-Security-Policy ({@link io.kafkasse.config.ConsolePolicy}) and send no referrer, so that neither a
 * stream's name nor a token in a URL leaves the page.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ServiceConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!ApiPath.isApi(request.getRequestURI(), request.getContextPath())) {
            response.setHeader("Content-Security-Policy", config.console().contentSecurityPolicy());
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        chain.doFilter(request, response);
    }
}
