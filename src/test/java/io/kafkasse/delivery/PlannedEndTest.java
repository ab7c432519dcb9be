package io.kafkasse.delivery;

import static io.kafkasse.Eventually.await;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.data;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.idOffsets;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.stream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.sink.StreamEnd;
import io.kafkasse.source.TestWindows;
import io.kafkasse.source.TopicWindows;

/**
 * Streams ended on purpose (a drain at a stop, a maximum lifetime): at the planned moment, on real threads, each ends
 * once with an {@code end} event whose id is past every record it was sent, so that a client resuming from it loses
 * and repeats nothing; a drain spreads the ends over its period and returns once every stream ended.
 */
class PlannedEndTest {

    private final FakeServices services = new FakeServices(2);

    @AfterEach
    void stopThreads() {
        services.close();
    }

    @Test
    void aStreamEndsAtItsMomentWithAnEndEventWhoseIdIsPastEveryRecordItWasSent() {
        TopicWindows topic = TestWindows.topic("t", 2, 64, 0);
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, topic, null, 0, 0);
        stream.serveInBackground();
        for (int offset = 0; offset < 10; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }
        TestWindows.appendAndSignal(topic, 1, 0, data(1, 0));
        await("11 records delivered", () -> channel.messageCount() == 11);

        long planned = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        stream.endAt(planned, StreamEnd.LIFETIME);
        services.startTicking(Duration.ofMillis(10));

        await("the stream ended", () -> services.closed.get() == 1);
        assertTrue(System.nanoTime() - planned >= 0, "not before its moment");
        List<ObservedChannel.Written> ends = channel.ends();
        assertEquals(1, ends.size(), "one end event");
        assertEquals("lifetime", ends.get(0).data());
        assertArrayEquals(new long[] {10, 1}, idOffsets(ends.get(0).id(), 2), "resumes after the last record of each partition");
        assertEquals("end", channel.written().get(channel.written().size() - 1).kind(), "the end event is the last thing written");
        assertTrue(channel.errors().isEmpty(), "a planned end is no error");
        assertTrue(channel.isClosed());
        assertEquals(ClientStream.State.ENDED, stream.state());
    }

    @Test
    void theEarlierOfTwoPlannedEndsStands() {
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, topic, null, 0);
        stream.serveInBackground();
        long now = System.nanoTime();
        stream.endAt(now + TimeUnit.MILLISECONDS.toNanos(100), StreamEnd.DRAINING);
        stream.endAt(now + TimeUnit.HOURS.toNanos(1), StreamEnd.LIFETIME);
        services.startTicking(Duration.ofMillis(10));

        await("the stream ended", () -> services.closed.get() == 1);
        assertEquals("draining", channel.ends().get(0).data());
    }

    @Test
    void aClientWaitingForHistoryIsEndedAtItsMomentAndGivesItsPlaceInLineBack() {
        // The windows serve from offset 100; with no history reader allowed the client waits in line.
        TopicWindows topic = TestWindows.topic("t", 1, 64, 100);
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, topic, null, 0);
        stream.serveInBackground();
        assertEquals(ClientStream.State.WAITING, stream.state());

        stream.endAt(System.nanoTime(), StreamEnd.DRAINING);
        services.startTicking(Duration.ofMillis(10));

        await("the stream ended", () -> services.closed.get() == 1);
        assertArrayEquals(new long[] {0}, idOffsets(channel.ends().get(0).id(), 1), "resumes where it asked to start");
        assertEquals(0, services.history.waiting(), "its place in line given back");
    }

    @Test
    void aDrainEndsEveryStreamSpreadOverItsPeriodAndReturnsWhenTheyHaveEnded() {
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        Set<ClientStream> registry = ConcurrentHashMap.newKeySet();
        List<ObservedChannel> channels = openStreams(topic, 40, registry);
        TestWindows.appendAndSignal(topic, 0, 0, data(0, 0));
        await("the record delivered to all", () -> channels.stream().allMatch(c -> c.messageCount() == 1));

        Duration period = Duration.ofMillis(800);
        long start = System.nanoTime();
        int left = Drain.spread(registry, period);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(0, left, "every stream ended within the period");
        assertTrue(registry.isEmpty());
        assertTrue(tookMillis < period.toMillis() + 1_000, "returns once they ended: " + tookMillis + " ms");
        List<Long> endedAt = channels.stream().map(ObservedChannel::closedAtNanos).sorted().toList();
        long spreadMillis = TimeUnit.NANOSECONDS.toMillis(endedAt.get(endedAt.size() - 1) - endedAt.get(0));
        assertTrue(spreadMillis > period.toMillis() / 2, "ends spread over the period, not at once: " + spreadMillis + " ms");
        for (ObservedChannel channel : channels) {
            assertEquals(1, channel.ends().size());
            assertEquals("draining", channel.ends().get(0).data());
            assertArrayEquals(new long[] {1}, idOffsets(channel.ends().get(0).id(), 1));
        }
    }

    @Test
    void aStreamWhoseWriteThrowsAtTheDrainIsEndedAndTheOthersStillGetTheirEnd() {
        // WildFly stops the deployment while the drain runs: a write may throw out of the server.
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        Set<ClientStream> registry = ConcurrentHashMap.newKeySet();
        List<ObservedChannel> channels = openStreams(topic, 6, registry);
        for (int i = 0; i < 6; i += 2) {
            channels.get(i).failOnWrite = true;
        }

        assertEquals(0, Drain.spread(registry, Duration.ofMillis(300)));
        assertEquals(6, services.closed.get(), "every stream ended");
        for (int i = 0; i < 6; i++) {
            assertEquals(i % 2 == 0 ? 0 : 1, channels.get(i).ends().size(), "stream " + i);
            assertTrue(channels.get(i).isClosed(), "stream " + i + " closed");
        }
    }

    @Test
    void aDrainWithNoPeriodEndsEveryStreamAtOnce() {
        Set<ClientStream> registry = ConcurrentHashMap.newKeySet();
        openStreams(TestWindows.topic("t", 1, 64, 0), 5, registry);

        assertEquals(0, Drain.spread(registry, Duration.ZERO));
        assertEquals(5, services.closed.get());
    }

    /** Opens {@code count} streams at offset 0 into the owner's registry, which they leave as they end, as in Delivery. */
    private List<ObservedChannel> openStreams(TopicWindows topic, int count, Set<ClientStream> registry) {
        List<ObservedChannel> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObservedChannel channel = new ObservedChannel();
            channels.add(channel);
            ClientStream stream = stream(services, channel, topic, null, 0);
            stream.serveInBackground();
            registry.add(stream);
        }
        services.onClosed(registry::remove);
        return channels;
    }
}
