package io.kafkasse.consumer;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.kafkasse.config.ServiceConfig;

/**
 * Creates every Kafka consumer of the service: no group, no commits (the settings refuse them), a client id of ours.
 * Each one is counted in {@link LiveStreams} until its owner reports it closed.
 */
@ApplicationScoped
public class KafkaConsumers {

    @Inject
    ServiceConfig config;

    @Inject
    LiveStreams live;

    private final AtomicLong created = new AtomicLong();

    /** @param purpose a word of ours for the client id, such as {@code stream}; never anything a client sent */
    public Consumer<byte[], byte[]> open(String purpose) {
        Consumer<byte[], byte[]> consumer = create(purpose);
        live.consumerOpened();
        return consumer;
    }

    /**
     * A consumer that only answers offset questions and is never polled: not counted among the consumers that serve
     * streams, since a small pool of them stays open for the life of the application.
     */
    public Consumer<byte[], byte[]> openForLookups() {
        return create("lookup");
    }

    private Consumer<byte[], byte[]> create(String purpose) {
        String clientId = "kafka-sse-" + purpose + "-" + created.incrementAndGet();
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config.kafka().consumerProperties(clientId, config.offsetReset().name().toLowerCase(Locale.ROOT)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return consumer;
    }

    /** Closes a consumer from {@link #open} that its owner no longer needs, and reports it closed. */
    public void close(Consumer<byte[], byte[]> consumer) {
        consumer.close(java.time.Duration.ZERO);
        closed();
    }

    /** Reports that a consumer from {@link #open} was closed. */
    public void closed() {
        live.consumerClosed();
    }
}
