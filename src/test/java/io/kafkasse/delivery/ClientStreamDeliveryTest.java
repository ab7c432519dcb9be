package io.kafkasse.delivery;

import static io.kafkasse.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.observe.Connection;
import io.kafkasse.Eventually;
import io.kafkasse.position.Cursor;
import io.kafkasse.source.TestWindows;
import io.kafkasse.source.TopicWindows;

/**
 * A client reading the windows while a feed thread appends to them, its drains on real threads: every record arrives
 * once, in offset order, with the id after it; no append goes unnoticed; a refused drain is retried; a client that
 * stops reading is sent nothing more until it reads again.
 */
class ClientStreamDeliveryTest {

    private static final Pattern ID_OFFSETS = Pattern.compile("\"partition\":(\\d+),\"offset\":(\\d+)");
    private static final Pattern DATA = Pattern.compile("\\{\"p\":(\\d+),\"o\":(\\d+)");
    private static final long NO_HEARTBEATS = Long.MAX_VALUE;

    private final ExecutorService feedThread = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void stopThreads() throws Exception {
        feedThread.shutdownNow();
        for (AutoCloseable closeable : cleanUp) {
            closeable.close();
        }
    }

    @Test
    void recordsAppendedWhileDrainsRunOnAPoolArriveOnceInOffsetOrder() throws Exception {
        FakeServices services = services(3);
        deliversEveryRecordOnceInOrder(services, null);
    }

    @Test
    void recordsAppendedWhileASenderLaneDrainsArriveOnceInOffsetOrder() throws Exception {
        FakeServices services = services(1);
        Senders senders = new Senders(2);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        senders.start(loops);
        cleanUp.add(() -> {
            senders.stop();
            loops.shutdownNow();
        });
        deliversEveryRecordOnceInOrder(services, senders.assign());
    }

    private void deliversEveryRecordOnceInOrder(FakeServices services, Senders.Lane lane) throws Exception {
        int perPartition = 5_000;
        TopicWindows topic = TestWindows.topic("t", 2, 8192, 0);
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, topic, lane, 0, 0);
        stream.serveInBackground();
        assertEquals(ClientStream.State.WINDOWS, stream.state());

        Future<?> feed = feedThread.submit(() -> {
            for (int offset = 0; offset < perPartition; offset++) {
                for (int partition = 0; partition < 2; partition++) {
                    TestWindows.appendAndSignal(topic, partition, offset, data(partition, offset));
                }
            }
        });
        feed.get(20, TimeUnit.SECONDS);
        await("every record delivered", () -> channel.messageCount() >= 2 * perPartition,
                () -> "delivered " + channel.messageCount());

        assertDeliveredOnceInOrder(channel.messages(), 2, perPartition);
        assertEquals(0, channel.overlappingWrites(), "one drain writes at a time");
    }

    @Test
    void aRecordAppendedAsADrainFinishesItsLastWriteIsDeliveredWithoutAnotherSignal() throws Exception {
        // The feed's signal comes while the drain still holds the stream, so it starts nothing: the drain must look
        // at the windows again after it lets go of the stream. No tick runs to cover for it.
        FakeServices services = services(1);
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel channel = new ObservedChannel();
        channel.onFlush(() -> {
            if (channel.messageCount() == 1) {
                Future<?> append = feedThread.submit(() -> TestWindows.appendAndSignal(topic, 0, 1, data(0, 1)));
                try {
                    append.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        stream(services, channel, topic, null, 0).serveInBackground();

        TestWindows.appendAndSignal(topic, 0, 0, data(0, 0));

        await("both records delivered", () -> channel.messageCount() == 2);
        assertDeliveredOnceInOrder(channel.messages(), 1, 2);
    }

    @Test
    void anAppendRacingWithTheEndOfADrainIsNeverLost() throws Exception {
        // No tick runs: a lost wake-up would leave a record undelivered until the deadline fails the test.
        int rounds = 3_000;
        FakeServices services = services(2);
        TopicWindows topic = TestWindows.topic("t", 1, 4096, 0);
        ObservedChannel channel = new ObservedChannel();
        channel.flushTakes(1_000);
        stream(services, channel, topic, null, 0).serveInBackground();

        Future<?> feed = feedThread.submit(() -> {
            Random random = new Random(42);
            for (int offset = 0; offset < rounds; offset++) {
                TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
                int expected = offset + 1;
                // The drain that writes this record then flushes (a microsecond) and lets go of the stream: the next
                // append lands a random moment after the write, somewhere around the moment that drain ends.
                spinUntil(() -> channel.messageCount() == expected);
                long until = System.nanoTime() + random.nextInt(2_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        });
        feed.get(60, TimeUnit.SECONDS);

        assertDeliveredOnceInOrder(channel.messages(), 1, rounds);
    }

    /** A busy wait, to act within nanoseconds of the condition; with the usual deadline. */
    private static void spinUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Eventually.DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("A record was not delivered: a wake-up was lost");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aDrainTheExecutorRefusesIsRetriedAndRunsOnceTheExecutorAccepts() throws Exception {
        FakeServices services = services(1);
        services.accepting.set(false);
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        for (int offset = 0; offset < 3; offset++) {
            TestWindows.append(topic, 0, offset, data(0, offset));
        }
        ObservedChannel channel = new ObservedChannel();
        stream(services, channel, topic, null, 0).serveInBackground();

        await("the refused drain asked for again, more than once", () -> services.retries.get() >= 3);
        assertEquals(0, channel.messageCount(), "nothing runs while the executor refuses");

        services.accepting.set(true);
        await("the records delivered", () -> channel.messageCount() == 3);
        assertDeliveredOnceInOrder(channel.messages(), 1, 3);
    }

    @Test
    void aClientThatStopsReadingIsSentNothingMoreUntilItReadsAgain() throws Exception {
        int limit = 1_000;
        int records = 1_000;
        FakeServices services = services(1); // one drain thread: a task sent after a drain runs after it
        services.maxUnsentBytes = limit;
        TopicWindows topic = TestWindows.topic("t", 1, 4096, 0);
        ObservedChannel channel = new ObservedChannel(limit);
        channel.stall();
        stream(services, channel, topic, null, 0).serveInBackground();

        for (int offset = 0; offset < records; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }
        await("the channel backlogged", channel::isBacklogged);
        services.awaitPoolIdle();
        int sentWhileStalled = channel.messageCount();

        for (int offset = records; offset < records + 100; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }
        services.awaitPoolIdle(); // the drains those appends asked for have run

        assertEquals(sentWhileStalled, channel.messageCount(), "no more records written while the client reads nothing");
        int oneBatch = 256 * data(0, records).length();
        assertTrue(channel.peakUnsent() <= limit + oneBatch, "unsent " + channel.peakUnsent());
        assertTrue(sentWhileStalled > 0 && sentWhileStalled < records, "sent " + sentWhileStalled);

        channel.resume();
        await("the rest delivered once the client reads", () -> channel.messageCount() == records + 100,
                () -> "delivered " + channel.messageCount());
        assertDeliveredOnceInOrder(channel.messages(), 1, records + 100);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private FakeServices services(int drainThreads) {
        FakeServices services = new FakeServices(drainThreads);
        cleanUp.add(services);
        return services;
    }

    /** A stream of the topic's partitions, each starting at the offset given (one per partition). */
    static ClientStream stream(FakeServices services, ObservedChannel channel, TopicWindows topic, Senders.Lane lane,
                               long... start) {
        return stream(services, channel, topic, lane, Duration.ofNanos(NO_HEARTBEATS), start);
    }

    /** As {@link #stream(FakeServices, ObservedChannel, TopicWindows, Senders.Lane, long...)}, with heartbeats. */
    static ClientStream stream(FakeServices services, ObservedChannel channel, TopicWindows topic, Senders.Lane lane,
                               Duration heartbeat, long... start) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (int p = 0; p < start.length; p++) {
            positions.put(new TopicPartition(topic.topic(), p), start[p]);
        }
        return new ClientStream(services, Connection.unobserved(), new Cursor(positions), channel, (record, value) -> true, List.of(),
                List.of(topic), lane, heartbeat.toNanos());
    }

    static String data(int partition, long offset) {
        return "{\"p\":" + partition + ",\"o\":" + offset + ",\"pad\":\"" + "x".repeat(40) + "\"}";
    }

    /** The offsets an id carries, by partition. */
    static long[] idOffsets(String id, int partitions) {
        long[] offsets = new long[partitions];
        Matcher matcher = ID_OFFSETS.matcher(id);
        while (matcher.find()) {
            offsets[Integer.parseInt(matcher.group(1))] = Long.parseLong(matcher.group(2));
        }
        return offsets;
    }

    /**
     * Each partition's records 0 to {@code perPartition - 1}, each once and in order, each with the id that points just
     * past it; and no id ever moves back in any partition.
     */
    static void assertDeliveredOnceInOrder(List<ObservedChannel.Written> messages, int partitions, int perPartition) {
        long[] expectedNext = new long[partitions];
        long[] previousId = new long[partitions];
        for (ObservedChannel.Written message : messages) {
            Matcher data = DATA.matcher(message.data());
            assertTrue(data.find(), message.data());
            int partition = Integer.parseInt(data.group(1));
            long offset = Long.parseLong(data.group(2));
            assertEquals(expectedNext[partition], offset, "partition " + partition + ": next record in order, once");
            expectedNext[partition]++;

            long[] id = idOffsets(message.id(), partitions);
            assertEquals(offset + 1, id[partition], "the id points past the record: " + message.id());
            for (int p = 0; p < partitions; p++) {
                assertTrue(id[p] >= previousId[p], "ids never move back: " + message.id());
            }
            previousId = id;
        }
        for (int p = 0; p < partitions; p++) {
            assertEquals(perPartition, expectedNext[p], "records of partition " + p);
        }
    }
}
