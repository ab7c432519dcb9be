package io.kafkasse.source;

import static io.kafkasse.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

/** The lookup consumers under a flood of lookups for times (clients' {@code ?since=}), with real threads. */
class LookupPoolTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);

    private final CountDownLatch brokerAnswersTimes = new CountDownLatch(1);
    private final AtomicInteger opened = new AtomicInteger();
    /** Lookups for times inside the broker's answer right now: the turns they hold. */
    private final AtomicInteger askingTimes = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final ExecutorService flood = Executors.newFixedThreadPool(20);
    private final LookupPool pool = new LookupPool(4, 2, this::consumer, consumer -> closed.incrementAndGet(), 2_000);

    @AfterEach
    void stop() {
        brokerAnswersTimes.countDown();
        flood.shutdownNow();
    }

    /** A consumer whose lookups for times wait until the test lets the broker answer; its ends answer at once. */
    private Consumer<byte[], byte[]> consumer() {
        opened.incrementAndGet();
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times,
                                                                                       Duration timeout) {
                askingTimes.incrementAndGet();
                try {
                    brokerAnswersTimes.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    askingTimes.decrementAndGet();
                }
                return Map.of(PARTITION, new OffsetAndTimestamp(7, 1_000));
            }
        };
        consumer.updateEndOffsets(Map.of(PARTITION, 42L));
        return consumer;
    }

    @Test
    void aFloodOfLookupsForTimesLeavesConsumersForTheOtherLookups() throws Exception {
        for (int i = 0; i < 20; i++) {
            flood.submit(() -> pool.withTimeTurn(consumer -> consumer.offsetsForTimes(Map.of(PARTITION, 1L), Duration.ofSeconds(1))));
        }
        await("the flood holding its two turns", () -> askingTimes.get() == 2);

        long start = System.nanoTime();
        Map<TopicPartition, Long> ends = pool.with(consumer -> consumer.endOffsets(List.of(PARTITION)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(42L, ends.get(PARTITION));
        assertTrue(millis < 500, "an end lookup waited " + millis + " ms behind the flood");
        assertTrue(opened.get() <= 4, opened.get() + " consumers opened");
    }

    @Test
    void lookupsForTimesThatFindNoTurnInTimeGetTheRetryableAnswer() throws Exception {
        for (int i = 0; i < 2; i++) {
            flood.submit(() -> pool.withTimeTurn(consumer -> consumer.offsetsForTimes(Map.of(PARTITION, 1L), Duration.ofSeconds(1))));
        }
        await("the two lookups holding their turns", () -> askingTimes.get() == 2);
        StreamProblem refused = assertThrows(StreamProblem.class,
                () -> pool.withTimeTurn(consumer -> consumer.offsetsForTimes(Map.of(PARTITION, 1L), Duration.ofSeconds(1))));
        assertEquals(503, refused.status());
        assertTrue(refused.retryable());

        brokerAnswersTimes.countDown();
        assertEquals(7, pool.withTimeTurn(consumer -> consumer.offsetsForTimes(Map.of(PARTITION, 1L), Duration.ofSeconds(1)))
                .get(PARTITION).offset(), "served again once the broker answers");
        flood.shutdown();
        assertTrue(flood.awaitTermination(5, TimeUnit.SECONDS));
        pool.closeAll();
        assertEquals(opened.get(), closed.get(), "every consumer closed");
    }
}
