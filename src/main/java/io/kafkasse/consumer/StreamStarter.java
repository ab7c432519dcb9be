package io.kafkasse.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.StartPositions;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.request.TopicCatalog;
import io.kafkasse.sink.EventChannel;

/**
 * Opens a stream: a consumer of its own, assigned to every partition of the request (no group, no commits),
 * positioned before anything is sent so that Kafka errors and bad positions still become an HTTP status, then
 * handed to an executor thread.
 */
@ApplicationScoped
public class StreamStarter {

    @Inject
    ServiceConfig config;

    @Inject
    TopicCatalog catalog;

    @Inject
    RecordDecoder decoder;

    @Inject
    @Any
    Instance<RecordFilter> deploymentFilters;

    @Inject
    LiveStreams live;

    @Inject
    StreamPump pump;

    @Inject
    StreamExecutor executor;

    private final AtomicLong streams = new AtomicLong();

    /** Opens the stream and returns the tail that serves it; {@link #run} runs it on the calling thread. */
    public TopicTail open(StreamRequest request, EventChannel channel) {
        List<TopicPartition> partitions = catalog.partitionsOf(request.topics(), request.configuredTopics());
        // The client id is ours, never derived from the request: nothing a client sends becomes a Kafka identifier.
        String clientId = "kafka-sse-stream-" + streams.incrementAndGet();
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config.kafka().consumerProperties(clientId, config.offsetReset().name().toLowerCase(Locale.ROOT)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            StartPositions positions = new StartPositions(consumer, partitions, config.kafkaTimeout());
            long startedAt = System.currentTimeMillis();
            StartPositions.Resolved start = !request.resumeFrom().isEmpty()
                    ? positions.at(request.resumeFrom(), config.offsetReset())
                    : request.since() != null ? positions.since(request.since()) : positions.atEnd();
            Cursor cursor = config.useTimestampForId()
                    ? Cursor.withTimestamps(start.offsets(), start.timestamps(), startedAt)
                    : new Cursor(start.offsets());
            cursor.compactWhenLongerThan(config.idMaxLength());
            TopicTail tail = new TopicTail(consumer, cursor, decoder, filterFor(request), channel, start.notices(),
                    config.heartbeatInterval());
            live.opened(tail);
            return tail;
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw StreamProblem.kafkaUnavailable(e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Opens the stream and serves it on the stream executor. */
    public void start(StreamRequest request, EventChannel channel) {
        TopicTail tail = open(request, channel);
        try {
            executor.execute(() -> run(tail, channel));
        } catch (RejectedExecutionException e) {
            tail.abandon();
            live.closed(tail);
            throw StreamProblem.overloaded(e);
        }
    }

    /** Serves an opened stream on the calling thread until it ends. */
    public void run(TopicTail tail, EventChannel channel) {
        try {
            pump.pump(channel, tail);
        } finally {
            live.closed(tail);
        }
    }

    /** The deployment's filter beans, then the client's own. */
    private RecordFilter filterFor(StreamRequest request) {
        List<RecordFilter> beans = deploymentFilters.stream().toList();
        if (beans.isEmpty()) {
            return request.filter();
        }
        RecordFilter client = request.filter();
        return (record, value) -> {
            for (RecordFilter filter : beans) {
                if (!filter.accept(record, value)) {
                    return false;
                }
            }
            return client.accept(record, value);
        };
    }
}
