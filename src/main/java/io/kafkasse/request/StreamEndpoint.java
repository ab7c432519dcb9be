package io.kafkasse.request;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.OpenStream;
import io.kafkasse.error.StreamErrors;
import io.kafkasse.sink.NdjsonChannel;

/**
 * A stream request: read it, resolve its partitions and start positions, and start the stream, as SSE (each subclass
 * with its own writer) or, for clients that accept only JSON, as newline-delimited JSON. Every failure up to that
 * point is answered by the {@link StreamErrors} interceptor: problem+json, except that an SSE client turned away by
 * a passing failure gets a stream that tells it when to reconnect (a browser gives up for good on an error status).
 */
public abstract class StreamEndpoint {

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

    @GET
    @Produces({NDJSON + ";qs=0.5", "application/json;qs=0.4"})
    @StreamErrors
    public StreamingOutput json(@PathParam("streams") String streams,
                                @HeaderParam("Last-Event-ID") String lastEventId,
                                @QueryParam("last_event_id") String lastEventIdParameter,
                                @QueryParam("since") String since,
                                @Context UriInfo uri) {
        StreamRequest request = requests.read(streams, lastEventId, lastEventIdParameter, since, uri.getQueryParameters());
        // The container writes the JSON stream on its own thread once this method returns: the stream is opened now,
        // so that errors are still HTTP statuses, and runs when the container asks for the body.
        NdjsonChannel channel = new NdjsonChannel();
        OpenStream stream = opener.open(request, channel);
        return body -> {
            channel.attach(body);
            stream.serveHere();
        };
    }
}
