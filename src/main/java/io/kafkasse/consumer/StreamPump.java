package io.kafkasse.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.kafkasse.error.StreamErrors;
import io.kafkasse.sink.EventChannel;

/**
 * Runs a piece of a stream's work on an executor thread. A failure leaves this method and reaches the
 * {@link StreamErrors} interceptor, which sends it to the client as an {@code error} event on the channel and ends it.
 */
@ApplicationScoped
public class StreamPump {

    @StreamErrors
    public void pump(EventChannel channel, Runnable work) {
        work.run();
    }
}
