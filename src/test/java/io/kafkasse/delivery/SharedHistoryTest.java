package io.kafkasse.delivery;

import static io.kafkasse.Eventually.await;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.observe.CloseReason;
import io.kafkasse.source.HistoryLog;
import io.kafkasse.source.TestWindows;
import io.kafkasse.source.TopicWindows;

/**
 * Clients whose start is older than the live windows, served by shared history readers on threads of their own (over
 * MockConsumers), their drains on real threads: they ride one reader where their positions are near, each receives
 * every record once and in order, and continues on the live windows with no gap and no repeat.
 */
class SharedHistoryTest {

    private static final Pattern DATA = Pattern.compile("\\{\"p\":0,\"o\":(\\d+)");
    /** The live windows serve from here; everything before is history. */
    private static final int LIVE_FROM = 1_000;
    private static final int READER_WINDOW = 64;

    private final HistoryLog log = new HistoryLog("t");
    private final TopicWindows live = TestWindows.topic("t", 1, 4096, LIVE_FROM);
    private FakeServices services;

    @AfterEach
    void stopThreads() {
        if (services != null) {
            services.close();
        }
    }

    private FakeServices services(int readers) {
        services = new FakeServices(3, readers, READER_WINDOW, log::newConsumer);
        for (long offset = LIVE_FROM; offset < LIVE_FROM + 100; offset++) {
            TestWindows.append(live, 0, offset, HistoryLog.data(0, offset));
        }
        return services;
    }

    private ClientStream client(ObservedChannel channel, long start) {
        ClientStream stream = stream(services, channel, live, null, Duration.ofMillis(20), start);
        stream.serveInBackground();
        return stream;
    }

    @Test
    void manyRidersOnOneReaderGetEveryRecordOnceInOrderThenGoOnLiveWithNoGapOrRepeat() {
        services(1);
        List<ObservedChannel> channels = new ArrayList<>();
        List<ClientStream> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObservedChannel channel = new ObservedChannel();
            channels.add(channel);
            streams.add(client(channel, 0));
        }
        assertEquals(0, services.history.waiting(), "nobody waits: all ride the first one's reader");

        log.release(LIVE_FROM + 100); // the history, and the records the live windows hold too
        await("every client on the live windows", () -> streams.stream().allMatch(s -> s.state() == ClientStream.State.WINDOWS));
        for (long offset = LIVE_FROM + 100; offset < LIVE_FROM + 200; offset++) {
            TestWindows.appendAndSignal(live, 0, offset, HistoryLog.data(0, offset));
        }

        for (ObservedChannel channel : channels) {
            await("every record delivered", () -> channel.messageCount() == LIVE_FROM + 200,
                    () -> "delivered " + channel.messageCount() + ", errors " + channel.errors());
            ClientStreamDeliveryTest.assertDeliveredOnceInOrder(channel.messages(), 1, LIVE_FROM + 200);
            assertEquals(0, channel.overlappingWrites());
        }
        assertEquals(1, services.consumersOpened.get(), "one history consumer for all twenty");
        await("the reader ended once its riders left", () -> services.consumersClosed.get() == 1);
        assertTrue(log.consumers().get(0).closed());
    }

    @Test
    void aClientStartingInsideARunningReadersWindowRidesIt() {
        services(5);
        ObservedChannel first = new ObservedChannel();
        client(first, 0);
        log.release(30);
        await("the first read what was released", () -> first.messageCount() == 30);

        ObservedChannel second = new ObservedChannel();
        ClientStream stream = client(second, 20);
        await("it rides", () -> stream.state() == ClientStream.State.HISTORY);
        assertEquals(1, services.consumersOpened.get(), "no second consumer");

        log.release(LIVE_FROM + 100);
        await("both delivered up to the live end", () -> first.messageCount() == LIVE_FROM + 100
                && second.messageCount() == LIVE_FROM + 100 - 20);
        assertOffsets(first, 0, LIVE_FROM + 100);
        assertOffsets(second, 20, LIVE_FROM + 100);
        assertEquals(1, services.consumersOpened.get());
    }

    @Test
    void aClientFarBehindARunningReaderStartsASecondOne() {
        services(5);
        ObservedChannel ahead = new ObservedChannel();
        client(ahead, 500);
        ObservedChannel behind = new ObservedChannel();
        client(behind, 0);

        await("two readers", () -> services.consumersOpened.get() == 2);
        log.release(LIVE_FROM + 100);
        await("both delivered up to the live end", () -> ahead.messageCount() == LIVE_FROM + 100 - 500
                && behind.messageCount() == LIVE_FROM + 100);
        assertOffsets(ahead, 500, LIVE_FROM + 100);
        assertOffsets(behind, 0, LIVE_FROM + 100);
        await("both readers ended", () -> services.consumersClosed.get() == 2);
    }

    @Test
    void aSlowRiderHoldsTheReaderBackAndNothingIsLostForIt() {
        services(1);
        ObservedChannel fast = new ObservedChannel();
        ObservedChannel slow = new ObservedChannel(1);
        slow.stall(); // takes nothing: after one batch it is backlogged
        client(fast, 0);
        client(slow, 0);
        log.release(LIVE_FROM + 100);

        await("the reader paused on the slow rider", () -> !log.consumers().isEmpty() && log.consumers().get(0).paused().size() == 1);
        int fastSoFar = fast.messageCount();
        assertTrue(fastSoFar <= READER_WINDOW + 256, "the fast one got at most a window past the slow one: " + fastSoFar);

        slow.resume();
        await("both delivered up to the live end", () -> fast.messageCount() == LIVE_FROM + 100
                && slow.messageCount() == LIVE_FROM + 100, () -> fast.messageCount() + " " + slow.messageCount());
        assertOffsets(fast, 0, LIVE_FROM + 100);
        assertOffsets(slow, 0, LIVE_FROM + 100);
    }

    @Test
    void aRiderThatTakesNothingLeavesTheReaderAfterItsPatienceAndTheOthersGoOn() {
        services(1);
        services.historyPatienceNanos = Duration.ofMillis(300).toNanos();
        ObservedChannel fast = new ObservedChannel();
        ObservedChannel stalled = new ObservedChannel(1);
        stalled.stall(); // takes nothing, ever
        client(fast, 0);
        client(stalled, 0);
        services.startTicking(Duration.ofMillis(20));
        log.release(LIVE_FROM + 100);

        await("the stalled rider cut off", () -> !stalled.errors().isEmpty());
        ObservedChannel.Written error = stalled.errors().get(0);
        assertTrue(error.data().contains("urn:kafka-sse:problem:client-too-slow"), error.data());
        assertTrue(error.data().contains("\"retryable\":true"), error.data());
        await("the other rider delivered up to the live end", () -> fast.messageCount() == LIVE_FROM + 100,
                () -> Integer.toString(fast.messageCount()));
        assertOffsets(fast, 0, LIVE_FROM + 100);
    }

    @Test
    void aRiderThatLeavesReleasesTheReaderTheLastOneClosesIt() {
        services(1);
        ObservedChannel first = new ObservedChannel();
        ObservedChannel second = new ObservedChannel();
        ClientStream one = client(first, 0);
        ClientStream two = client(second, 0);
        log.release(10);
        await("both ride", () -> first.messageCount() == 10 && second.messageCount() == 10);

        one.end(CloseReason.CLIENT_LEFT);
        assertEquals(0, services.consumersClosed.get(), "the other still rides");

        two.end(CloseReason.CLIENT_LEFT);
        await("the consumer closed", () -> services.consumersClosed.get() == 1 && log.consumers().get(0).closed());
    }

    @Test
    void theLimitOfReadersHoldsWaitingClientsGetHeartbeatsAndAreServedInOrder() {
        services(1);
        services.startTicking(Duration.ofMillis(5));
        ClientStream first = client(new ObservedChannel(), 0);
        ObservedChannel secondChannel = new ObservedChannel();
        ClientStream second = client(secondChannel, 300); // too far ahead of the first reader to ride it
        ObservedChannel thirdChannel = new ObservedChannel();
        ClientStream third = client(thirdChannel, 600);

        assertEquals(2, services.history.waiting());
        await("heartbeats while waiting", () -> secondChannel.heartbeats() >= 3 && thirdChannel.heartbeats() >= 3);
        assertEquals(1, services.consumersOpened.get(), "never more readers than the limit");

        first.end(CloseReason.CLIENT_LEFT);
        await("the second served next", () -> services.consumersOpened.get() == 2);
        await("at the second one's position", () -> log.consumers().get(1).startedAt() == 300);
        assertEquals(ClientStream.State.WAITING, third.state());
        assertEquals(1, services.history.waiting());

        second.end(CloseReason.CLIENT_LEFT);
        await("then the third", () -> services.consumersOpened.get() == 3);
        await("at the third one's position", () -> log.consumers().get(2).startedAt() == 600);
        await("one reader at a time", () -> services.consumersClosed.get() == 2);
        assertEquals(0, services.history.waiting());
    }

    @Test
    void aShutdownEndsTheReaderAndItsRidersAreToldWithTheirIds() {
        services(1);
        ObservedChannel first = new ObservedChannel();
        ObservedChannel second = new ObservedChannel();
        client(first, 0);
        client(second, 5);
        log.release(30);
        await("both read what was released", () -> first.messageCount() == 30 && second.messageCount() == 25);

        services.history.stop();

        for (ObservedChannel channel : List.of(first, second)) {
            await("an error event", () -> !channel.errors().isEmpty());
            ObservedChannel.Written error = channel.errors().get(0);
            assertTrue(error.data().contains("shutting-down"), error.data());
            assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":30}]", error.id(), "resumes after the last record");
        }
        await("the consumer closed", () -> services.consumersClosed.get() == 1);
    }

    /** The channel got the records {@code from} to {@code to - 1} of partition 0, each once and in order. */
    private static void assertOffsets(ObservedChannel channel, long from, long to) {
        long expected = from;
        for (ObservedChannel.Written message : channel.messages()) {
            Matcher data = DATA.matcher(message.data());
            assertTrue(data.find(), message.data());
            assertEquals(expected, Long.parseLong(data.group(1)), "next record in order, once");
            assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":" + (expected + 1) + "}]", message.id());
            expected++;
        }
        assertEquals(to, expected, "records delivered");
    }
}
