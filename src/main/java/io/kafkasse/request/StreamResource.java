package io.kafkasse.request;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.StreamStarter;
import io.kafkasse.error.StreamErrors;
import io.kafkasse.sink.SseEventChannel;

/**
 * {@code GET /v2/stream/{streams}}: validates the request, resolves its partitions, and starts the stream. Every
 * failure up to that point is answered by the {@link StreamErrors} interceptor as problem+json.
 */
@Path("/v2/stream")
@RequestScoped
public class StreamResource {

    @Inject
    TopicCatalog catalog;

    @Inject
    StreamStarter starter;

    @Inject
    ServiceConfig config;

    @GET
    @Path("{streams}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @StreamErrors
    public void stream(@PathParam("streams") String streams, @Context SseEventSink sink, @Context Sse sse) {
        List<TopicPartition> partitions = catalog.partitionsOf(RequestedTopics.parse(streams));
        starter.start(partitions, new SseEventChannel(sink, sse, config.writeTimeout()));
    }
}
