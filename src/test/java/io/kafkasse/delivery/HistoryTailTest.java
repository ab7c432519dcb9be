package io.kafkasse.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.frame.JsonRecordDeserializer;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;

/** The poll loop's logic, on Kafka's MockConsumer. The real broker path is covered by the integration tests. */
class HistoryTailTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final RecordingChannel channel = new RecordingChannel();

    private final Cursor cursor = new Cursor(Map.of(P0, 5L, P1, 0L));
    private int closedReports;

    /** Reads as a client's history read does: its channel was started by the stream, then the tail follows. */
    private boolean run(HistoryTail tail) {
        channel.start(cursor.id());
        return tail.follow(() -> false);
    }

    private HistoryTail tail(Duration heartbeat) {
        consumer.assign(List.of(P0, P1));
        consumer.seek(P0, 5);
        consumer.seek(P1, 0);
        return new HistoryTail(consumer, cursor, new RecordDecoder(new JsonRecordDeserializer()),
                (record, value) -> true, channel, heartbeat, () -> closedReports++);
    }

    @Test
    void startsWithTheInitialIdThenSendsEachRecordWithTheIdAfterIt() {
        HistoryTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 5, "{\"n\":1}")));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, "{\"n\":2}")));
        consumer.schedulePollTask(() -> channel.clientGone = true);

        run(tail);

        assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":5},{\"topic\":\"t\",\"partition\":1,\"offset\":0}]",
                channel.written.get(0).id());
        List<RecordingChannel.Written> messages = channel.messages();
        assertEquals(2, messages.size());
        assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":6},{\"topic\":\"t\",\"partition\":1,\"offset\":0}]", messages.get(0).id());
        assertEquals("[{\"topic\":\"t\",\"partition\":0,\"offset\":6},{\"topic\":\"t\",\"partition\":1,\"offset\":1}]", messages.get(1).id());
        assertTrue(messages.get(1).data().startsWith("{\"n\":2,\"_kafka\":"));
    }

    @Test
    void aSkippedRecordStillMovesTheIdPastIt() {
        HistoryTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 5, "garbage"));
            consumer.addRecord(record(P0, 6, "{}"));
        });
        consumer.schedulePollTask(() -> channel.clientGone = true);

        run(tail);

        assertEquals(1, channel.messages().size());
        assertTrue(channel.messages().get(0).id().contains("\"partition\":0,\"offset\":7"));
    }

    @Test
    void writesAHeartbeatWhenNothingWasSentForAnInterval() {
        HistoryTail tail = tail(Duration.ofMillis(1));
        // MockConsumer.poll returns at once; this poll lasts until a heartbeat interval has passed, as a real one would.
        consumer.schedulePollTask(() -> {
            long pollEnds = System.nanoTime() + Duration.ofMillis(2).toNanos();
            while (System.nanoTime() < pollEnds) {
                Thread.onSpinWait();
            }
        });
        consumer.schedulePollTask(() -> channel.clientGone = true);

        run(tail);

        assertTrue(channel.heartbeats >= 1, "heartbeats: " + channel.heartbeats);
    }

    @Test
    void closesTheConsumerWhenTheClientGoesAwayButLeavesTheChannelToItsOwner() {
        HistoryTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> channel.clientGone = true);

        run(tail);

        assertTrue(consumer.closed());
        assertEquals(1, closedReports, "the consumer is reported closed once");
        assertFalse(channel.closed);
    }

    @Test
    void aFilterThatThrowsLeavesTheLoopAndTheConsumerIsClosed() {
        consumer.assign(List.of(P0, P1));
        consumer.seek(P0, 5);
        consumer.seek(P1, 0);
        HistoryTail tail = new HistoryTail(consumer, cursor, new RecordDecoder(new JsonRecordDeserializer()),
                (record, value) -> {
                    throw new IllegalStateException("broken filter");
                }, channel, Duration.ofSeconds(15), () -> closedReports++);
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 5, "{}")));

        assertThrows(IllegalStateException.class, () -> run(tail));
        assertEquals(1, closedReports, "the consumer is reported closed once");
        assertTrue(consumer.closed());
        assertTrue(channel.messages().isEmpty());
    }

    @Test
    void shutdownFromAnotherThreadEndsTheLoopAndClosesTheConsumer() throws Exception {
        HistoryTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(tail::shutdown);

        run(tail);

        assertTrue(consumer.closed());
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value.getBytes(StandardCharsets.UTF_8));
    }
}
