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
import io.kafkasse.error.ServletProblems;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.observe.CloseReason;
import io.kafkasse.observe.Connection;
import io.kafkasse.observe.ConnectionLog;
import io.kafkasse.observe.RequestIds;
import io.kafkasse.observe.ServiceMetrics;

/**
 * Every API request, in this order: its CORS headers ({@link Cors}; a preflight ends there), then its id, answered in
 * {@code X-Request-ID} (the client's own when it is a safe short token); a stream request also gets its
 * {@link Connection}, which the stream endpoints find in a request attribute. A request whose {@code Accept} or
 * {@code Content-Type} is malformed is refused here, before any runtime reads it ({@link MediaRanges}). A stream
 * request answered before its stream could start, by anything other than the endpoint's own error handling (a request
 * the JAX-RS runtime refused itself, such as a 406), is closed here with a reason from its status.
 * <p>
 * One filter, not one per step: the order of a deployment's annotated filters is each server's own (Payara Micro and
 * Open Liberty ran the refusal before CORS, so a page could not read it), and Open Liberty kept its order even against
 * {@code web.xml}'s filter mappings.
 */
@WebFilter(urlPatterns = "/v2/*", asyncSupported = true)
public class ApiFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** A client address from a proxy header is a key of the per-client limit: bounded. */
    private static final int MAX_CLIENT_LENGTH = 100;

    @Inject
    transient ServiceConfig config;

    @Inject
    transient ServiceMetrics metrics;

    @Inject
    transient ConnectionLog log;

    @Inject
    transient Cors cors;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (cors.answered(request, response)) {
            return;
        }
        String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, id);
        StreamProblem malformed = MediaRanges.malformed(request);
        // A HEAD request is checked, never streamed (StreamEndpoint): it takes no connection place.
        if (!"GET".equals(request.getMethod()) || !ApiPath.isStream(request.getRequestURI(), request.getContextPath())) {
            answer(request, response, chain, malformed);
            return;
        }
        Connection connection = new Connection(metrics, log, id, clientOf(request), request.getHeader("User-Agent"));
        request.setAttribute(Connection.ATTRIBUTE, connection);
        try {
            answer(request, response, chain, malformed);
        } finally {
            if (!request.isAsyncStarted() && !connection.isClosed() && connection.streams().isEmpty()) {
                connection.closed(response.getStatus() >= 500 ? CloseReason.ERROR : CloseReason.BAD_REQUEST);
            }
        }
    }

    /** The request passed on, or refused here with the problem of its malformed header. */
    private static void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                               StreamProblem malformed) throws IOException, ServletException {
        if (malformed == null) {
            chain.doFilter(request, response);
        } else {
            ServletProblems.write(response, malformed);
        }
    }

    /**
     * The client as the limits and logs name it: the connection's address, or, behind a proxy the operator trusts, the
     * last address in the header it sets (a client may put anything in front; the proxy appends what it saw).
     */
    private String clientOf(HttpServletRequest request) {
        String header = config.limits().clientHeader().map(request::getHeader).orElse(null);
        if (header != null) {
            String[] hops = header.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (!hop.isEmpty()) {
                    return safe(hop);
                }
            }
        }
        return request.getRemoteAddr();
    }

    private static String safe(String address) {
        StringBuilder safe = new StringBuilder(Math.min(address.length(), MAX_CLIENT_LENGTH));
        for (int i = 0; i < address.length() && i < MAX_CLIENT_LENGTH; i++) {
            char c = address.charAt(i);
            safe.append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return safe.toString();
    }
}
