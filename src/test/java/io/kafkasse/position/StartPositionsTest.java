package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.config.ServiceConfig.OffsetReset;

/** Where a resume starts, against one partition whose records have known timestamps. */
class StartPositionsTest {

    private static final TopicPartition P = new TopicPartition("t", 0);
    /** Offsets 0 to 5: three records share millisecond 200. */
    private static final long[] TIMESTAMPS = {100, 200, 200, 200, 300, 400};

    private final StartPositions positions = new StartPositions(new Partition(TIMESTAMPS), List.of(P));

    @Test
    void aTimestampIdResumesAfterTheRecordsOfItsMillisecondTheClientHad() {
        assertEquals(1L, startFor(200, 0), "none seen: from the first record of the millisecond");
        assertEquals(3L, startFor(200, 2), "two seen: the third");
        assertEquals(4L, startFor(200, 3), "all three seen: the next millisecond's");
    }

    @Test
    void moreSeenThanTheMillisecondHoldsStopsAtItsEnd() {
        // A copy of the topic elsewhere may hold fewer records of that millisecond: nothing later is passed over.
        assertEquals(4L, startFor(200, 9));
        assertEquals(Map.of(P, 3), positions.at(List.of(new RequestedPosition("t", 0, null, 200L, 9)), OffsetReset.LATEST).seen());
    }

    @Test
    void whenTheMillisecondIsGoneNothingIsPassedOver() {
        // No record at 150 (deleted, or never there): the first later record is one the client has not seen.
        assertEquals(1L, startFor(150, 2));
    }

    @Test
    void aTimeAfterEveryRecordStartsAtTheEnd() {
        assertEquals(6L, startFor(500, 1));
    }

    private long startFor(long timestamp, int seen) {
        return positions.at(List.of(new RequestedPosition("t", 0, null, timestamp, seen)), OffsetReset.LATEST).offsets().get(P);
    }

    /** One partition as the broker would answer offset questions about it. */
    private record Partition(long[] timestamps) implements OffsetSource {

        @Override
        public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
            return Map.of(P, (long) timestamps.length);
        }

        @Override
        public Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
            return Map.of(P, 0L);
        }

        @Override
        public Map<TopicPartition, OffsetAndTimestamp> forTimes(Map<TopicPartition, Long> times) {
            Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
            times.forEach((partition, time) -> {
                found.put(partition, null);
                for (int offset = 0; offset < timestamps.length; offset++) {
                    if (timestamps[offset] >= time) {
                        found.put(partition, new OffsetAndTimestamp(offset, timestamps[offset]));
                        break;
                    }
                }
            });
            return found;
        }
    }
}
