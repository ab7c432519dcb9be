package io.kafkasse.source;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.OffsetSource;

/**
 * A few consumers, kept open and never polled, that answer offset questions (ends, beginnings, offsets for times) for
 * feeds that open and for clients that resume or start from a time, so such a request costs a share of a round trip
 * to the broker, not a new consumer. Ends and beginnings asked by many requests at once share one round trip.
 */
@ApplicationScoped
public class PositionLookups implements OffsetSource {

    static final int CONSUMERS = 4;

    @Inject
    ServiceConfig config;

    @Inject
    KafkaConsumers consumers;

    private final Semaphore turns = new Semaphore(CONSUMERS);
    private final BlockingQueue<Consumer<byte[], byte[]>> idle = new LinkedBlockingQueue<>();
    private SharedQuestion ends;
    private SharedQuestion beginnings;

    @PostConstruct
    void init() {
        Duration timeout = config.kafkaTimeout();
        ends = new SharedQuestion(partitions -> with(consumer -> consumer.endOffsets(partitions, timeout)), timeout.toMillis());
        beginnings = new SharedQuestion(partitions -> with(consumer -> consumer.beginningOffsets(partitions, timeout)), timeout.toMillis());
    }

    @Override
    public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
        return ends.answer(partitions);
    }

    @Override
    public Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
        return beginnings.answer(partitions);
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> forTimes(Map<TopicPartition, Long> times) {
        return with(consumer -> consumer.offsetsForTimes(times, config.kafkaTimeout()));
    }

    /** Runs the lookup with a consumer of the pool, waiting at most the Kafka timeout for one to be free. */
    private <T> T with(Function<Consumer<byte[], byte[]>, T> lookup) {
        try {
            if (!turns.tryAcquire(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw StreamProblem.overloaded(new IllegalStateException("Every position lookup consumer stayed busy"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.overloaded(e);
        }
        try {
            Consumer<byte[], byte[]> consumer = idle.poll();
            if (consumer == null) {
                consumer = consumers.open(KafkaConsumers.Role.LOOKUP);
            }
            try {
                T answer = lookup.apply(consumer);
                idle.add(consumer);
                return answer;
            } catch (RuntimeException e) {
                consumers.close(consumer, KafkaConsumers.Role.LOOKUP);
                throw e instanceof KafkaException ? StreamProblem.kafkaUnavailable(e) : e;
            }
        } finally {
            turns.release();
        }
    }

    @PreDestroy
    void closeAll() {
        Consumer<byte[], byte[]> consumer;
        while ((consumer = idle.poll()) != null) {
            consumers.close(consumer, KafkaConsumers.Role.LOOKUP);
        }
    }
}
