package io.kafkasse.source;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

import io.kafkasse.error.StreamProblem;

/**
 * The consumers of {@link PositionLookups}, kept open and never polled, lent out one lookup at a time. Lookups of
 * offsets for times (a client's {@code since}) are the one kind each request asks for itself, with a time of its own
 * choosing, so they may hold at most {@code timeTurns} of the consumers at once: a flood of {@code ?since=} waits
 * among itself, and the other lookups (the ends a new feed or a live client needs, the positions a resume checks)
 * always find a consumer.
 */
final class LookupPool {

    private final Semaphore turns;
    private final Semaphore timeTurns;
    private final Supplier<Consumer<byte[], byte[]>> open;
    private final java.util.function.Consumer<Consumer<byte[], byte[]>> close;
    private final long timeoutMillis;
    private final BlockingQueue<Consumer<byte[], byte[]>> idle = new LinkedBlockingQueue<>();

    /**
     * @param size          consumers at most
     * @param timeTurns     of which lookups for times may hold at most this many
     * @param timeoutMillis the longest a lookup waits for its turn
     */
    LookupPool(int size, int timeTurns, Supplier<Consumer<byte[], byte[]>> open,
               java.util.function.Consumer<Consumer<byte[], byte[]>> close, long timeoutMillis) {
        this.turns = new Semaphore(size);
        this.timeTurns = new Semaphore(timeTurns);
        this.open = open;
        this.close = close;
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs a lookup with a consumer of the pool, waiting at most the timeout for one to be free. */
    <T> T with(Function<Consumer<byte[], byte[]>, T> lookup) {
        return holding(turns, () -> lend(lookup));
    }

    /**
     * As {@link #with}, for a lookup of offsets for times. Ordering rule: the time turn is taken before the consumer's
     * turn, so that lookups for times waiting in line never hold a turn the other lookups need.
     */
    <T> T withTimeTurn(Function<Consumer<byte[], byte[]>, T> lookup) {
        return holding(timeTurns, () -> with(lookup));
    }

    private <T> T lend(Function<Consumer<byte[], byte[]>, T> lookup) {
        Consumer<byte[], byte[]> consumer = idle.poll();
        if (consumer == null) {
            consumer = open.get();
        }
        try {
            T answer = lookup.apply(consumer);
            idle.add(consumer);
            return answer;
        } catch (RuntimeException e) {
            close.accept(consumer);
            throw e instanceof KafkaException ? StreamProblem.kafkaUnavailable(e) : e;
        }
    }

    /** Runs the work holding one permit of the semaphore, waiting at most the timeout for it. */
    private <T> T holding(Semaphore semaphore, Supplier<T> work) {
        try {
            if (!semaphore.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw StreamProblem.overloaded(new IllegalStateException("Every position lookup consumer stayed busy"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.overloaded(e);
        }
        try {
            return work.get();
        } finally {
            semaphore.release();
        }
    }

    void closeAll() {
        Consumer<byte[], byte[]> consumer;
        while ((consumer = idle.poll()) != null) {
            close.accept(consumer);
        }
    }
}
