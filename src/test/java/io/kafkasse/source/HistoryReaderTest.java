package io.kafkasse.source;

import static io.kafkasse.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


/** A history reader's poll loop on a thread of its own over a MockConsumer, its riders played by the test. */
class HistoryReaderTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final HistoryLog log = new HistoryLog("t");
    private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger closedReports = new AtomicInteger();
    private final AtomicInteger ends = new AtomicInteger();
    private final HistoryReader reader = new HistoryReader(log::newConsumer, closedReports::incrementAndGet, List.of(T0),
            new long[] {0}, 8, Long.MAX_VALUE, TestWindows.appender(Integer.MAX_VALUE),
            ended -> ends.incrementAndGet());

    @AfterEach
    void stop() {
        reader.shutdown();
        pollThread.shutdownNow();
    }

    @Test
    void pausesBeforeEvictingWhatItsSlowestRiderHasNotReadAndResumesWhenItReads() {
        TestRider rider = new TestRider();
        HistoryReader.Ride ride = reader.join(rider, new long[] {0});
        assertNotNull(ride);
        log.release(100);
        pollThread.submit(reader::run);
        PartitionWindow window = reader.windows()[0];

        await("paused with a full window", () -> !log.consumers().isEmpty() && log.consumers().get(0).paused().contains(T0));
        assertEquals(8, window.head(), "a full window");
        assertEquals(0, window.tail(), "nothing the rider has yet to read was evicted");
        // The reader signals its riders after it appends and pauses: wait for the signal, do not race it.
        await("the rider was told", () -> rider.signals.get() > 0);

        ride.seq().set(0, 8); // the rider read all eight
        reader.moved();

        await("resumed, and paused again a window further", () -> window.head() == 16
                && log.consumers().get(0).paused().contains(T0));
        assertEquals(8, window.tail(), "it evicted only what the rider had read");
        assertEquals(15, window.at(15).offset(), "in offset order, nothing skipped");

        ride.seq().set(0, 12);
        reader.moved();
        await("resumed once the rider read a tenth of the window", () -> window.head() == 20);
    }

    @Test
    void theLastRiderToLeaveEndsTheReaderAndClosesItsConsumer() throws Exception {
        TestRider first = new TestRider();
        TestRider second = new TestRider();
        reader.join(first, new long[] {0});
        reader.join(second, new long[] {0});
        Future<?> loop = pollThread.submit(reader::run);
        await("polling", () -> !log.consumers().isEmpty() && log.consumers().get(0).startedAt() == 0);

        reader.leave(first);
        assertEquals(1, reader.riders());
        assertTrue(!loop.isDone() && !log.consumers().get(0).closed());

        reader.leave(second);

        loop.get(20, TimeUnit.SECONDS);
        assertTrue(log.consumers().get(0).closed());
        assertEquals(1, closedReports.get());
        assertEquals(1, ends.get());
        assertEquals(null, reader.join(new TestRider(), new long[] {0}), "an ending reader takes no rider");
    }

    @Test
    void aShutdownEndsTheLoopAndTellsTheRidersWhy() throws Exception {
        TestRider rider = new TestRider();
        reader.join(rider, new long[] {0});
        Future<?> loop = pollThread.submit(reader::run);
        await("polling", () -> !log.consumers().isEmpty() && log.consumers().get(0).startedAt() == 0);

        reader.shutdown();

        loop.get(20, TimeUnit.SECONDS);
        assertEquals("shutting-down", reader.failure().type());
        assertTrue(rider.signals.get() > 0);
        assertTrue(log.consumers().get(0).closed());
    }

    @Test
    void aRiderJoinsOnlyWhereTheWindowHoldsItsPositionWithRoom() {
        assertNotNull(reader.join(new TestRider(), new long[] {5}), "ahead of the reader, within a window");
        assertEquals(null, reader.join(new TestRider(), new long[] {100}), "too far ahead");
    }

    private static final class TestRider implements HistoryReaders.Rider {
        final AtomicInteger signals = new AtomicInteger();

        @Override
        public void board(HistoryReader.Ride ride) {
        }

        @Override
        public void signal() {
            signals.incrementAndGet();
        }
    }
}
