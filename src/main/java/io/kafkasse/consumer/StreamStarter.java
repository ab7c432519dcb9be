package io.kafkasse.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.StartPositions;
import io.kafkasse.sink.EventChannel;

/**
 * Opens a stream: a consumer of its own, assigned to every requested partition (no group, no commits), positioned
 * before anything is sent so that Kafka errors still become an HTTP status, then handed to an executor thread.
 */
@ApplicationScoped
public class StreamStarter {

    @Inject
    ServiceConfig config;

    @Inject
    RecordDecoder decoder;

    @Inject
    LiveStreams live;

    @Inject
    StreamPump pump;

    @Inject
    StreamExecutor executor;

    private final AtomicLong streams = new AtomicLong();

    public void start(List<TopicPartition> partitions, EventChannel channel) {
        // The client id is ours, never derived from the request: nothing a client sends becomes a Kafka identifier.
        String clientId = "kafka-sse-stream-" + streams.incrementAndGet();
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config.kafka().consumerProperties(clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicTail tail;
        try {
            Map<TopicPartition, Long> start = StartPositions.atEnd(consumer, partitions, config.kafkaTimeout());
            tail = new TopicTail(consumer, new Cursor(start), decoder, channel, config.heartbeatInterval());
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw StreamProblem.kafkaUnavailable(e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        live.opened(tail);
        try {
            executor.execute(() -> {
                try {
                    pump.pump(channel, tail);
                } finally {
                    live.closed(tail);
                }
            });
        } catch (RejectedExecutionException e) {
            live.closed(tail);
            consumer.close(Duration.ZERO);
            throw StreamProblem.overloaded(e);
        }
    }
}
