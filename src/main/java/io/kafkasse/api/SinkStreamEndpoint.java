package io.kafkasse.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.kafkasse.error.StreamErrors;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.sink.SseEventChannel;

/** SSE through the standard JAX-RS {@link SseEventSink} ({@code sse.writer=sink}): portable, an event and a flush at a time. */
@ApplicationScoped
public class SinkStreamEndpoint extends StreamEndpoint {

    @GET
    @Produces(SSE)
    @StreamErrors
    public void events(@PathParam("streams") String streams,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("last_event_id") String lastEventIdParameter,
                       @QueryParam("since") String since,
                       @Context UriInfo uri, @Context HttpServletRequest http,
                       @Context SseEventSink sink, @Context Sse sse) {
        StreamRequest request = requests.read(streams, lastEventId, lastEventIdParameter, since, uri.getQueryParameters(),
                access.tokenOf(http));
        opener.open(request, connectionOf(http), new SseEventChannel(sink, sse, config.writeTimeout(), reconnectDelay.nextMillis()))
                .serveInBackground();
    }
}
