package io.kafkasse.source;

import static io.kafkasse.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * A feed's poll loop on a thread of its own, over Kafka's MockConsumer, changed from the test thread as requests
 * change it: topics added and removed, a topic opened again, a consumer that fails, a shutdown.
 */
class FeedTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

    private final PollingConsumer consumer = new PollingConsumer();
    private final Feed feed = new Feed(consumer, TestWindows.appender(Integer.MAX_VALUE));
    private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
    private Future<?> loop;

    @BeforeEach
    void startTheLoop() {
        loop = pollThread.submit(feed::run);
    }

    @AfterEach
    void stopTheLoop() {
        feed.shutdown();
        pollThread.shutdownNow();
    }

    @Test
    void anAddedTopicIsPositionedAndItsRecordsGoToTheirPartitionsWindowsAndSignalItsReaders() {
        TopicWindows orders = TestWindows.topic("orders", 2, 16, 5);
        CountingReader reader = new CountingReader();
        orders.join(reader);

        feed.add(orders, Map.of(ORDERS_0, 5L, ORDERS_1, 7L));
        orders.awaitPositioned(20_000);

        assertEquals(Set.of(ORDERS_0, ORDERS_1), consumer.assignment());
        assertEquals(5, consumer.position(ORDERS_0));
        assertEquals(7, consumer.position(ORDERS_1));

        consumer.addRecord(record(ORDERS_1, 7, "{\"n\":1}"));
        consumer.addRecord(record(ORDERS_0, 5, "{\"n\":2}"));
        consumer.addRecord(record(ORDERS_1, 8, "{\"n\":3}"));
        await("appended", () -> orders.window(0).head() == 1 && orders.window(1).head() == 2);

        WindowEntry first = orders.window(1).at(0);
        assertEquals(7, first.offset());
        assertTrue(first.data().text().startsWith("{\"n\":1,\"_kafka\":{\"topic\":\"orders\",\"partition\":1,\"offset\":7"),
                first.data().text());
        assertNull(first.record().value(), "the raw value is not kept when no filter bean may read it");
        assertEquals(8, orders.window(1).at(1).offset());
        assertTrue(orders.window(0).at(0).data().text().startsWith("{\"n\":2,"));
        await("the readers signalled", () -> reader.signals.get() > 0);
        assertEquals(1, feed.topics());
    }

    @Test
    void aRemovedTopicIsUnassigned() {
        TopicWindows orders = TestWindows.topic("orders", 2, 16, 0);
        feed.add(orders, Map.of(ORDERS_0, 0L, ORDERS_1, 0L));
        orders.awaitPositioned(20_000);

        feed.remove(orders);

        await("unassigned", () -> consumer.assignment().isEmpty());
        await("no topic fed", () -> feed.topics() == 0);
        assertTrue(orders.isServing(), "its readers (if any) left on their own: nothing failed");
    }

    @Test
    void aTopicOpenedAgainWithOtherWindowsFailsTheOldOnesWithTopicChanged() {
        TopicWindows before = TestWindows.topic("orders", 1, 16, 0);
        CountingReader oldReader = new CountingReader();
        before.join(oldReader);
        feed.add(before, Map.of(ORDERS_0, 0L));
        before.awaitPositioned(20_000);

        TopicWindows after = TestWindows.topic("orders", 2, 16, 0);
        feed.add(after, Map.of(ORDERS_0, 0L, ORDERS_1, 0L));
        after.awaitPositioned(20_000);

        assertEquals("topic-changed", before.failure().type());
        assertTrue(oldReader.signals.get() > 0, "its readers were told");
        assertTrue(after.isServing());
        assertEquals(Set.of(ORDERS_0, ORDERS_1), consumer.assignment());

        consumer.addRecord(record(ORDERS_0, 0, "{}"));
        await("appended to the new windows", () -> after.window(0).head() == 1);
        assertEquals(0, before.window(0).head(), "not to the old ones");
    }

    @Test
    void shutdownFromAnotherThreadEndsTheLoopClosesTheConsumerAndTellsTheReaders() throws Exception {
        TopicWindows orders = TestWindows.topic("orders", 1, 16, 0);
        CountingReader reader = new CountingReader();
        orders.join(reader);
        feed.add(orders, Map.of(ORDERS_0, 0L));
        orders.awaitPositioned(20_000);

        feed.shutdown();

        loop.get(20, TimeUnit.SECONDS); // run() returned, without an exception
        assertTrue(consumer.closed());
        assertEquals("shutting-down", orders.failure().type());
        assertTrue(reader.signals.get() > 0);
    }

    @Test
    void aStopCanWaitUntilTheLoopHasClosedItsConsumer() throws Exception {
        assertFalse(feed.awaitConsumerClosed(TimeUnit.MILLISECONDS.toNanos(50)), "the loop runs: its consumer is open");

        feed.shutdown();

        assertTrue(feed.awaitConsumerClosed(TimeUnit.SECONDS.toNanos(20)));
        assertTrue(consumer.closed(), "closed before the wait returned");
    }

    @Test
    void shutdownEndsAnIdleLoopToo() throws Exception {
        feed.shutdown();

        loop.get(20, TimeUnit.SECONDS);
        assertTrue(consumer.closed());
    }

    @Test
    void aPollThatFailsForGoodFailsTheTopicsReadersAndTheLoopGoesOnForNewTopics() throws Exception {
        TopicWindows orders = TestWindows.topic("orders", 1, 16, 0);
        CountingReader reader = new CountingReader();
        orders.join(reader);
        feed.add(orders, Map.of(ORDERS_0, 0L));
        orders.awaitPositioned(20_000);

        consumer.setPollException(new KafkaException("the consumer cannot go on"));

        await("the topic failed", () -> !orders.isServing());
        assertEquals("kafka-unavailable", orders.failure().type());
        // The failure is set before the readers are signalled: wait for the signal, do not race it.
        await("its readers were told", () -> reader.signals.get() > 0);
        await("the topic dropped", () -> consumer.assignment().isEmpty() && feed.topics() == 0);

        TopicPartition payments = new TopicPartition("payments", 0);
        TopicWindows later = TestWindows.topic("payments", 1, 16, 0);
        feed.add(later, Map.of(payments, 0L));
        later.awaitPositioned(20_000);
        consumer.addRecord(record(payments, 0, "{\"paid\":true}"));
        await("a topic opened later is fed", () -> later.window(0).head() == 1);
        assertFalse(loop.isDone());
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CountingReader implements WindowReader {
        final AtomicInteger signals = new AtomicInteger();

        @Override
        public void signal() {
            signals.incrementAndGet();
        }
    }

    /** MockConsumer returns at once from an empty poll; a real one waits a little, which spares the test a busy loop. */
    private static final class PollingConsumer extends MockConsumer<byte[], byte[]> {

        PollingConsumer() {
            super("none");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(Math.min(timeout.toNanos(), Duration.ofMillis(2).toNanos()));
            }
            return records;
        }
    }
}
