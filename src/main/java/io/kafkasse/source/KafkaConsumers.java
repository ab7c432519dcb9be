package io.kafkasse.source;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.kafkasse.config.ServiceConfig;

/**
 * Creates every Kafka consumer of the service: no group, no commits (the settings refuse them), a client id of ours
 * that says what it is for. Each one is counted by role until its owner reports it closed.
 */
@ApplicationScoped
public class KafkaConsumers {

    /** What a consumer is for; the word goes into its client id. */
    public enum Role {
        /** Feeds the windows of the topics being read (a fixed few). */
        FEED,
        /** Reads history older than the windows for a client. */
        HISTORY,
        /** Answers offset questions; never polled. */
        LOOKUP
    }

    @Inject
    ServiceConfig config;

    private final AtomicLong created = new AtomicLong();
    private final Map<Role, AtomicInteger> open = new EnumMap<>(Role.class);
    private final Map<Role, AtomicLong> opened = new EnumMap<>(Role.class);

    public KafkaConsumers() {
        for (Role role : Role.values()) {
            open.put(role, new AtomicInteger());
            opened.put(role, new AtomicLong());
        }
    }

    public Consumer<byte[], byte[]> open(Role role) {
        String clientId = "kafka-sse-" + role.name().toLowerCase(Locale.ROOT) + "-" + created.incrementAndGet();
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config.kafka().consumerProperties(clientId, config.offsetReset().name().toLowerCase(Locale.ROOT)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        open.get(role).incrementAndGet();
        opened.get(role).incrementAndGet();
        return consumer;
    }

    /** Closes a consumer from {@link #open} without waiting, and reports it closed. */
    public void close(Consumer<byte[], byte[]> consumer, Role role) {
        try {
            consumer.close(Duration.ZERO);
        } finally {
            closed(role);
        }
    }

    /** Reports that a consumer from {@link #open} was closed by its owner. */
    public void closed(Role role) {
        open.get(role).decrementAndGet();
    }

    /** Consumers of this role open now. */
    public int count(Role role) {
        return open.get(role).get();
    }

    /** Consumers of this role opened since the application started. */
    public long openedSinceStart(Role role) {
        return opened.get(role).get();
    }
}
