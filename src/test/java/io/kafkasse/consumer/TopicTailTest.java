package io.kafkasse.consumer;

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
class TopicTailTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final RecordingChannel channel = new RecordingChannel();

    private TopicTail tail(Duration heartbeat) {
        consumer.assign(List.of(P0, P1));
        consumer.seek(P0, 5);
        consumer.seek(P1, 0);
        return new TopicTail(consumer, new Cursor(Map.of(P0, 5L, P1, 0L)), new RecordDecoder(new JsonRecordDeserializer()),
                (record, value) -> true, channel, List.of(), heartbeat);
    }

    @Test
    void startsWithTheInitialIdThenSendsEachRecordWithTheIdAfterIt() {
        TopicTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 5, "{\"n\":1}")));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, "{\"n\":2}")));
        consumer.schedulePollTask(() -> channel.clientGone = true);

        tail.run();

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
        TopicTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 5, "garbage"));
            consumer.addRecord(record(P0, 6, "{}"));
        });
        consumer.schedulePollTask(() -> channel.clientGone = true);

        tail.run();

        assertEquals(1, channel.messages().size());
        assertTrue(channel.messages().get(0).id().contains("\"partition\":0,\"offset\":7"));
    }

    @Test
    void writesAHeartbeatWhenNothingWasSentForAnInterval() {
        TopicTail tail = tail(Duration.ofMillis(1));
        // MockConsumer.poll returns at once; this poll lasts until a heartbeat interval has passed, as a real one would.
        consumer.schedulePollTask(() -> {
            long pollEnds = System.nanoTime() + Duration.ofMillis(2).toNanos();
            while (System.nanoTime() < pollEnds) {
                Thread.onSpinWait();
            }
        });
        consumer.schedulePollTask(() -> channel.clientGone = true);

        tail.run();

        assertTrue(channel.heartbeats >= 1, "heartbeats: " + channel.heartbeats);
    }

    @Test
    void closesTheConsumerWhenTheClientGoesAwayButLeavesTheChannelToItsOwner() {
        TopicTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> channel.clientGone = true);

        tail.run();

        assertTrue(consumer.closed());
        assertFalse(channel.closed);
    }

    @Test
    void aFilterThatThrowsLeavesTheLoopAndTheConsumerIsClosed() {
        consumer.assign(List.of(P0, P1));
        consumer.seek(P0, 5);
        consumer.seek(P1, 0);
        TopicTail tail = new TopicTail(consumer, new Cursor(Map.of(P0, 5L, P1, 0L)), new RecordDecoder(new JsonRecordDeserializer()),
                (record, value) -> {
                    throw new IllegalStateException("broken filter");
                }, channel, List.of(), Duration.ofSeconds(15));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 5, "{}")));

        assertThrows(IllegalStateException.class, tail::run);
        assertTrue(consumer.closed());
        assertTrue(channel.messages().isEmpty());
    }

    @Test
    void shutdownFromAnotherThreadEndsTheLoopAndClosesTheConsumer() throws Exception {
        TopicTail tail = tail(Duration.ofSeconds(15));
        consumer.schedulePollTask(tail::shutdown);

        tail.run();

        assertTrue(consumer.closed());
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value.getBytes(StandardCharsets.UTF_8));
    }
}
