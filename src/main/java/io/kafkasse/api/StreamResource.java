package io.kafkasse.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.ServiceConfig.SseWriter;

/**
 * {@code GET /v2/stream/{streams}}. The same requests are served by either SSE writer ({@code sse.writer}); which one
 * answers is configuration, so the choice is made here and each writer is a sub-resource with the same methods.
 */
@Path("/stream")
@ApplicationScoped
public class StreamResource {

    @Inject
    ServiceConfig config;

    @Inject
    SinkStreamEndpoint sink;

    @Inject
    CoalescingStreamEndpoint coalescing;

    @Path("{streams}")
    public StreamEndpoint stream() {
        return config.writer() == SseWriter.COALESCING ? coalescing : sink;
    }
}
