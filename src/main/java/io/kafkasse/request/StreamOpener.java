package io.kafkasse.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.ServiceConfig.ConsumerMode;
import io.kafkasse.consumer.OpenStream;
import io.kafkasse.consumer.StreamStarter;
import io.kafkasse.fanout.SharedStarter;
import io.kafkasse.sink.EventChannel;

/** Opens a stream in the configured consumer mode ({@code sse.consumer-mode}). */
@ApplicationScoped
public class StreamOpener {

    @Inject
    ServiceConfig config;

    @Inject
    StreamStarter dedicated;

    @Inject
    SharedStarter shared;

    public OpenStream open(StreamRequest request, EventChannel channel) {
        return config.consumerMode() == ConsumerMode.SHARED
                ? shared.open(request, channel)
                : dedicated.open(request, channel);
    }
}
