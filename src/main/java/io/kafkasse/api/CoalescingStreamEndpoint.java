package io.kafkasse.api;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import io.kafkasse.error.StreamErrors;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.sink.CoalescingChannel;

/**
 * SSE written by the service itself on the servlet's non-blocking output ({@code sse.writer=coalescing}). The request
 * is read and the stream opened exactly as for the standard sink, so errors are still HTTP answers; only then does
 * the stream take the response over. The request is suspended ({@link Suspended}) so that the JAX-RS runtime leaves
 * the response alone when the method returns (RESTEasy would otherwise end it at once); it is never resumed: the
 * stream completes the servlet's asynchronous context itself when it ends.
 */
@ApplicationScoped
public class CoalescingStreamEndpoint extends StreamEndpoint {

    @GET
    @Produces(SSE)
    @StreamErrors
    public void events(@PathParam("streams") String streams,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("last_event_id") String lastEventIdParameter,
                       @QueryParam("since") String since,
                       @Context UriInfo uri, @Context HttpServletRequest http,
                       @Suspended AsyncResponse suspended) throws IOException {
        StreamRequest request = requests.read(streams, lastEventId, lastEventIdParameter, since, uri.getQueryParameters(),
                access.tokenOf(http));
        CoalescingChannel channel = new CoalescingChannel(reconnectDelay.nextMillis(), config.maxUnsentBytes(),
                delivery.scheduler(), config.writeTimeout());
        serve(opener.open(request, connectionOf(http), channel), channel, http);
    }
}
