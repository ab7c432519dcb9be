package io.kafkasse.consumer;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.StartPositions;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.request.TopicCatalog;
import io.kafkasse.sink.EventChannel;

/**
 * Opens a stream in the dedicated mode: a consumer of its own, assigned to every partition of the request (no group,
 * no commits), positioned before anything is sent so that Kafka errors and bad positions still become an HTTP
 * status, then served on one thread until the client leaves.
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
    RecordFilters filters;

    @Inject
    KafkaConsumers consumers;

    @Inject
    LiveStreams live;

    @Inject
    StreamPump pump;

    @Inject
    StreamExecutor executor;

    public OpenStream open(StreamRequest request, EventChannel channel) {
        List<TopicPartition> partitions = catalog.partitionsOf(request.topics(), request.configuredTopics());
        Consumer<byte[], byte[]> consumer = consumers.open("stream");
        try {
            StartPositions.Resolved start = resolve(new StartPositions(consumer, partitions, config.kafkaTimeout()), request);
            TopicTail tail = new TopicTail(consumer, cursorAt(start, System.currentTimeMillis()), decoder,
                    filters.withBeans(request.filter()), channel, start.notices(), config.heartbeatInterval());
            live.opened(tail);
            return new Dedicated(tail, channel);
        } catch (KafkaException e) {
            consumers.close(consumer);
            throw StreamProblem.kafkaUnavailable(e);
        } catch (RuntimeException e) {
            consumers.close(consumer);
            throw e;
        }
    }

    /** Where the request starts: where it resumes from, else since a time, else at the end. */
    public StartPositions.Resolved resolve(StartPositions positions, StreamRequest request) {
        return !request.resumeFrom().isEmpty()
                ? positions.at(request.resumeFrom(), config.offsetReset())
                : request.since() != null ? positions.since(request.since()) : positions.atEnd();
    }

    /** The stream's cursor at its start, with ids in the configured form. */
    public Cursor cursorAt(StartPositions.Resolved start, long startedAt) {
        Cursor cursor = config.useTimestampForId()
                ? Cursor.withTimestamps(start.offsets(), start.timestamps(), startedAt)
                : new Cursor(start.offsets());
        cursor.compactWhenLongerThan(config.idMaxLength());
        return cursor;
    }

    /** A dedicated stream: its tail runs on one thread from the first event to the last. */
    private final class Dedicated implements OpenStream {

        private final TopicTail tail;
        private final EventChannel channel;

        Dedicated(TopicTail tail, EventChannel channel) {
            this.tail = tail;
            this.channel = channel;
        }

        @Override
        public void serveInBackground() {
            try {
                executor.execute(this::serveHere);
            } catch (RejectedExecutionException e) {
                tail.abandon();
                ended();
                throw StreamProblem.overloaded(e);
            }
        }

        @Override
        public void serveHere() {
            try {
                pump.pump(channel, () -> {
                    tail.run();
                    channel.close();
                });
            } finally {
                ended();
            }
        }

        private void ended() {
            live.closed(tail);
            consumers.closed();
        }
    }
}
