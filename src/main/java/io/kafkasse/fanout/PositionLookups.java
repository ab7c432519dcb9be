package io.kafkasse.fanout;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.KafkaConsumers;
import io.kafkasse.error.StreamProblem;

/**
 * A few consumers, kept open, that answer offset questions (ends, beginnings, offsets for times) for clients that
 * resume or start from a time in the shared mode, so such a request costs a round trip to the broker, not a new
 * consumer. They are never polled.
 */
@ApplicationScoped
public class PositionLookups {

    static final int CONSUMERS = 4;

    @Inject
    ServiceConfig config;

    @Inject
    KafkaConsumers consumers;

    private final Semaphore turns = new Semaphore(CONSUMERS);
    private final BlockingQueue<Consumer<byte[], byte[]>> idle = new LinkedBlockingQueue<>();

    /** Runs the lookup with a consumer of the pool, waiting at most the Kafka timeout for one to be free. */
    <T> T with(Function<Consumer<byte[], byte[]>, T> lookup) {
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
                consumer = consumers.openForLookups();
            }
            try {
                T answer = lookup.apply(consumer);
                idle.add(consumer);
                return answer;
            } catch (StreamProblem e) {
                // A bad request, not a broken consumer.
                idle.add(consumer);
                throw e;
            } catch (RuntimeException e) {
                close(consumer);
                throw e instanceof KafkaException ? StreamProblem.kafkaUnavailable(e) : e;
            }
        } finally {
            turns.release();
        }
    }

    private void close(Consumer<byte[], byte[]> consumer) {
        consumer.close(Duration.ZERO);
    }

    @PreDestroy
    void closeAll() {
        Consumer<byte[], byte[]> consumer;
        while ((consumer = idle.poll()) != null) {
            close(consumer);
        }
    }
}
