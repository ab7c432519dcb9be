package io.kafkasse.api;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.kafkasse.auth.StreamAccess;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.delivery.Delivery;
import io.kafkasse.delivery.OpenStream;
import io.kafkasse.error.StreamErrors;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.observe.Connection;
import io.kafkasse.config.ReconnectDelay;
import io.kafkasse.request.StreamOpener;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.request.StreamRequestReader;
import io.kafkasse.sink.CoalescingChannel;
import io.kafkasse.sink.NdjsonFraming;

/**
 * A stream request: read it, resolve its partitions and start positions, and start the stream, as SSE (each subclass
 * with its own writer) or, for clients that accept only JSON, as newline-delimited JSON. Every failure up to that
 * point is answered by the {@link StreamErrors} interceptor: problem+json, except that an SSE client turned away by
 * a passing failure gets a stream that tells it when to reconnect (a browser gives up for good on an error status).
 */
public abstract class StreamEndpoint {

    private static final ThrottledWarning UNRECOGNISED = new ThrottledWarning(Logger.getLogger(StreamEndpoint.class.getName()));

    static final String NDJSON = "application/x-ndjson";
    /** qs: SSE is the answer to clients that accept anything (curl, browsers); JSON only to those that ask for it. */
    static final String SSE = "text/event-stream;qs=1";

    @Inject
    StreamRequestReader requests;

    @Inject
    StreamOpener opener;

    @Inject
    ReconnectDelay reconnectDelay;

    @Inject
    ServiceConfig config;

    @Inject
    Delivery delivery;

    @Inject
    StreamAccess access;

    /**
     * Newline-delimited JSON on the servlet's non-blocking output, written by the same senders as SSE: a JSON client
     * holds no request thread while it streams. The request is suspended so that the JAX-RS runtime leaves the
     * response alone; the stream completes it when it ends.
     */
    @GET
    @Produces({NDJSON + ";qs=0.5", "application/json;qs=0.4"})
    @StreamErrors
    public void json(@PathParam("streams") String streams,
                     @HeaderParam("Last-Event-ID") String lastEventId,
                     @QueryParam("last_event_id") String lastEventIdParameter,
                     @QueryParam("since") String since,
                     @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http,
                     @Suspended AsyncResponse suspended) throws IOException {
        StreamRequest request = requests.read(streams, lastEventId, lastEventIdParameter, since, uri.getQueryParameters(),
                access.tokenOf(http));
        CoalescingChannel channel = new CoalescingChannel(new NdjsonFraming(acceptsNdjson(headers) ? NDJSON : "application/json"),
                reconnectDelay.nextMillis(), config.maxUnsentBytes(), delivery.scheduler(), config.writeTimeout());
        serve(opener.open(request, connectionOf(http), channel), channel, http);
    }

    /**
     * {@code HEAD} of a stream: the request is read and checked as a {@code GET} would be (the same statuses and
     * problems), and answered with a stream's headers and no stream. Without it JAX-RS runs the {@code GET}, whose
     * body the container discards: its writes never fail, so the stream it opens never learns that the client left
     * and keeps its limit place and windows for good.
     */
    @HEAD
    @Produces(SSE)
    @StreamErrors
    public Response headOfEvents(@PathParam("streams") String streams,
                                 @HeaderParam("Last-Event-ID") String lastEventId,
                                 @QueryParam("last_event_id") String lastEventIdParameter,
                                 @QueryParam("since") String since,
                                 @Context UriInfo uri, @Context HttpServletRequest http) {
        return checked(streams, lastEventId, lastEventIdParameter, since, uri, http, MediaType.SERVER_SENT_EVENTS);
    }

    /** {@code HEAD} of a JSON stream, as {@link #headOfEvents}. */
    @HEAD
    @Produces({NDJSON + ";qs=0.5", "application/json;qs=0.4"})
    @StreamErrors
    public Response headOfJson(@PathParam("streams") String streams,
                               @HeaderParam("Last-Event-ID") String lastEventId,
                               @QueryParam("last_event_id") String lastEventIdParameter,
                               @QueryParam("since") String since,
                               @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        return checked(streams, lastEventId, lastEventIdParameter, since, uri, http,
                acceptsNdjson(headers) ? NDJSON : "application/json");
    }

    /**
     * The request read and checked as its GET would be; 200 with the stream's type, set here because with no entity
     * RESTEasy sends none of the {@code @Produces} type.
     */
    private Response checked(String streams, String lastEventId, String lastEventIdParameter, String since, UriInfo uri,
                             HttpServletRequest http, String type) {
        opener.check(requests.read(streams, lastEventId, lastEventIdParameter, since, uri.getQueryParameters(),
                access.tokenOf(http)));
        return Response.ok().type(type).build();
    }

    private static boolean acceptsNdjson(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(NDJSON));
    }

    private static String bounded(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The request's connection, made by {@link ApiFilter}. */
    static Connection connectionOf(HttpServletRequest http) {
        if (http.getAttribute(Connection.ATTRIBUTE) instanceof Connection connection) {
            return connection;
        }
        // ApiFilter makes one for every path that decodes to /v2/stream/{streams}: a request served here without
        // one was encoded in a way it did not recognise, and is refused rather than streamed past the limits.
        // Logged (at most once a minute): once in many suite runs a plain stream path came here without one (Payara
        // Micro, a WAR's first stream request), which the line should explain if it happens again.
        UNRECOGNISED.warn(() -> "A stream request reached the endpoint without its connection (answered 400): path "
                + bounded(http.getRequestURI()) + ", context path " + bounded(http.getContextPath())
                + ", dispatcher type " + http.getDispatcherType());
        throw StreamProblem.badRequest("malformed-path", "Malformed path",
                "The request's path is not in a form the service reads: write it as /v2/stream/{streams}", Map.of());
    }

    /**
     * Takes the response over for a stream that is open (its errors so far were still HTTP statuses), then serves it.
     * The stream is served even when taking the response over failed: it then finds its channel closed and ends,
     * releasing what it opened.
     */
    static void serve(OpenStream stream, CoalescingChannel channel, HttpServletRequest http) throws IOException {
        try {
            channel.attach(http.isAsyncStarted() ? http.getAsyncContext() : http.startAsync());
        } finally {
            stream.serveInBackground();
        }
    }
}
