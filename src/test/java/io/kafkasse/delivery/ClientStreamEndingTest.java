package io.kafkasse.delivery;

import static io.kafkasse.Eventually.await;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.data;
import static io.kafkasse.delivery.ClientStreamDeliveryTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.FilterTooCostly;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.observe.Connection;
import io.kafkasse.position.Cursor;
import io.kafkasse.source.TestWindows;
import io.kafkasse.source.TopicWindows;

/**
 * How a client's stream ends, from the threads that notice: the client leaving while it waits for history, a client
 * too slow to take what it was sent, a topic that fails, a wait for history that lasts too long. Each ends the stream
 * once, with an error event where the client is still there, and gives back what the stream held.
 */
class ClientStreamEndingTest {

    private static final String START_ID = "[{\"topic\":\"t\",\"partition\":0,\"offset\":0}]";

    private final FakeServices services = new FakeServices(2);

    @AfterEach
    void stopThreads() {
        services.close();
    }

    /** The windows serve from offset 100, so a client starting at 0 needs history first. */
    private static TopicWindows windowsAfterItsStart() {
        return TestWindows.topic("t", 1, 64, 100);
    }

    /** Ending is over once the owner of threads was told (the last thing a stream does as it ends). */
    private void awaitEnded(ClientStream stream) {
        await("the stream ended", () -> services.closed.get() > 0);
        assertEquals(ClientStream.State.ENDED, stream.state());
    }

    @Test
    void aClientThatLeavesWhileWaitingForHistoryGivesItsPlaceBackAndItsTurnDoesNothing() {
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, windowsAfterItsStart(), null, 0);
        stream.serveInBackground();
        assertEquals(ClientStream.State.WAITING, stream.state());
        assertEquals(1, services.history.waiting());

        channel.clientLeaves();
        services.startTicking(Duration.ofMillis(10)); // the tick notices the closed channel

        awaitEnded(stream);
        assertEquals(1, services.closed.get(), "closed once");
        assertEquals(0, services.history.waiting(), "its place in the history line given back");
        assertTrue(services.open.isEmpty(), "out of the registry");
        assertTrue(channel.isClosed());
        assertTrue(channel.errors().isEmpty(), "nobody to tell");
    }

    @Test
    void aWaitingClientGetsHeartbeats() {
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, windowsAfterItsStart(), null, Duration.ofMillis(10), 0);
        stream.serveInBackground();
        services.startTicking(Duration.ofMillis(5));

        await("heartbeats while waiting", () -> channel.heartbeats() >= 3);
        assertEquals(ClientStream.State.WAITING, stream.state());
    }

    @Test
    void aClientWaitingForHistoryLongerThanAllowedIsToldTheServerIsBusyAndLeavesTheLine() {
        services.historyWaitNanos = Duration.ofMillis(50).toNanos();
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, windowsAfterItsStart(), null, 0);
        stream.serveInBackground();
        services.startTicking(Duration.ofMillis(10));

        await("an error event", () -> !channel.errors().isEmpty());
        ObservedChannel.Written error = channel.errors().get(0);
        assertTrue(error.data().contains("\"type\":\"urn:kafka-sse:problem:server-busy\""), error.data());
        assertTrue(error.data().contains("\"status\":503"), "a status the client retries: " + error.data());
        assertEquals(START_ID, error.id(), "it resumes where it asked to start");
        awaitEnded(stream);
        assertEquals(1, services.leftHistoryLine.get());
        assertEquals(0, services.history.waiting());
        assertEquals(1, services.closed.get());
        assertEquals(0, services.consumersOpened.get());
    }

    @Test
    void aClientBackloggedLongerThanTheWriteTimeoutIsCutOffWithTheIdOfTheLastRecordItWasGiven() {
        services.writeTimeoutNanos = Duration.ofMillis(50).toNanos();
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel channel = new ObservedChannel(1);
        channel.stall();
        ClientStream stream = stream(services, channel, topic, null, Duration.ofMillis(10), 0);
        stream.serveInBackground();
        for (int offset = 0; offset < 10; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }
        services.startTicking(Duration.ofMillis(5)); // silent for a heartbeat interval: a drain, which finds it too slow

        await("an error event", () -> !channel.errors().isEmpty());
        ObservedChannel.Written error = channel.errors().get(0);
        assertTrue(error.data().contains("urn:kafka-sse:problem:" + StreamProblem.TOO_SLOW), error.data());
        List<ObservedChannel.Written> messages = channel.messages();
        assertTrue(!messages.isEmpty() && messages.size() < 10, "sent before it backlogged: " + messages.size());
        assertEquals(messages.get(messages.size() - 1).id(), error.id(), "resumes after the last record it was given");
        awaitEnded(stream);
        assertEquals(0, topic.readers(), "it left the topic's readers");
        assertEquals(1, services.closed.get());
    }

    @Test
    void aTopicThatFailsEndsTheStreamWithThatProblemAndTheCurrentId() {
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel channel = new ObservedChannel();
        ClientStream stream = stream(services, channel, topic, null, 0);
        stream.serveInBackground();
        for (int offset = 0; offset < 3; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }
        await("three records delivered", () -> channel.messageCount() == 3);

        TestWindows.fail(topic, StreamProblem.topicGone("t"));

        await("an error event", () -> !channel.errors().isEmpty());
        ObservedChannel.Written error = channel.errors().get(0);
        assertTrue(error.data().contains("\"type\":\"urn:kafka-sse:problem:topic-deleted\""), error.data());
        assertTrue(error.data().contains("\"status\":404"), error.data());
        assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":3}]", error.id(), "resumes after the third record");
        awaitEnded(stream);
        assertEquals(0, topic.readers());
        assertEquals(1, services.closed.get());
        assertEquals(1, channel.errors().size(), "one error event");
    }

    @Test
    void aFilterTooCostlyForOneRecordEndsOnlyThatStreamWithTheIdPastTheRecord() {
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel costly = new ObservedChannel();
        ObservedChannel other = new ObservedChannel();
        RecordFilter tooCostlyAtOne = (record, value) -> {
            if (record.offset() == 1) {
                throw new FilterTooCostly(record, 100_000, 300, 600_000);
            }
            return true;
        };
        ClientStream stream = filtered(costly, tooCostlyAtOne, topic);
        ClientStream bystander = stream(services, other, topic, null, 0);
        stream.serveInBackground();
        bystander.serveInBackground();
        for (int offset = 0; offset < 3; offset++) {
            TestWindows.appendAndSignal(topic, 0, offset, data(0, offset));
        }

        await("an error event", () -> !costly.errors().isEmpty());
        ObservedChannel.Written error = costly.errors().get(0);
        assertTrue(error.data().contains("\"type\":\"urn:kafka-sse:problem:filter-too-costly\""), error.data());
        assertTrue(error.data().contains("\"offset\":\"1\""), error.data());
        assertEquals(1, costly.messageCount(), "the record before it was delivered");
        assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":2}]", error.id(), "resumes past the record it could not filter");
        await("the other stream has all three", () -> other.messageCount() == 3);
        // The error event is written before the stream marks itself ended: wait for the mark, do not race it.
        await("the stream that could not filter ended", () -> stream.state() == ClientStream.State.ENDED);
        assertTrue(bystander.state() != ClientStream.State.ENDED);
    }

    @Test
    void anErrorInAFilterEndsOnlyThatStreamAndTheSenderGoesOn() {
        TopicWindows topic = TestWindows.topic("t", 1, 64, 0);
        ObservedChannel failing = new ObservedChannel();
        ObservedChannel other = new ObservedChannel();
        RecordFilter throwsAnError = (record, value) -> {
            throw new OutOfMemoryError("as a record too large for the heap would");
        };
        ClientStream stream = filtered(failing, throwsAnError, topic);
        ClientStream bystander = stream(services, other, topic, null, 0);
        stream.serveInBackground();
        bystander.serveInBackground();
        TestWindows.appendAndSignal(topic, 0, 0, data(0, 0));

        await("an error event", () -> !failing.errors().isEmpty());
        assertTrue(failing.errors().get(0).data().contains("internal-error"), failing.errors().get(0).data());
        awaitEnded(stream);
        TestWindows.appendAndSignal(topic, 0, 1, data(0, 1));
        await("the other stream goes on", () -> other.messageCount() == 2);
        assertEquals(0, topic.readers() - 1, "the failed stream left the topic");
    }

    /** A stream of partition 0 of the topic from offset 0, with its own filter and no heartbeats. */
    private ClientStream filtered(ObservedChannel channel, RecordFilter filter, TopicWindows topic) {
        return new ClientStream(services, Connection.unobserved(), new Cursor(Map.of(new TopicPartition(topic.topic(), 0), 0L)),
                channel, filter, List.of(), List.of(topic), null, Duration.ofDays(1).toNanos());
    }
}
