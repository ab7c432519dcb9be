package io.kafkasse.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.kafkasse.error.StreamErrors;
import io.kafkasse.sink.EventChannel;

/**
 * Runs a stream on an executor thread. A failure while streaming leaves this method and reaches the
 * {@link StreamErrors} interceptor, which sends it to the client as an {@code error} event on the channel.
 */
@ApplicationScoped
public class StreamPump {

    @StreamErrors
    public void pump(EventChannel channel, TopicTail tail) {
        tail.run();
        channel.close();
    }
}
