package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.ForAll;

/** An id the server writes comes back as the client's Last-Event-ID: it must read back to exactly the same positions. */
class CursorPropertiesTest {

    @Test
    void anOffsetIdReadsBackToTheCursorsPositionsInFullOrCompactForm() {
        ForAll.check(500, CursorPropertiesTest::advancedCursor, cursor -> {
            List<RequestedPosition> expected = new ArrayList<>();
            cursor.positions().forEach((partition, next) -> expected.add(new RequestedPosition(partition.topic(), partition.partition(), next, null)));

            assertEquals(expected, LastEventId.parse(cursor.id()));
        });
    }

    @Test
    void aTimestampIdReadsBackToEachPartitionsLastTimestamp() {
        ForAll.check(500, random -> random, random -> {
            Map<TopicPartition, Long> start = RandomPositions.of(random, 4, 20);
            Map<TopicPartition, Long> startTimes = new HashMap<>();
            start.keySet().forEach(partition -> {
                if (random.nextBoolean()) {
                    startTimes.put(partition, RandomPositions.offset(random));
                }
            });
            long startedAt = RandomPositions.offset(random);
            Cursor cursor = Cursor.withTimestamps(start, startTimes, Map.of(), startedAt);
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            Map<TopicPartition, Integer> seen = new HashMap<>();
            start.keySet().forEach(partition -> timestamps.put(partition, startTimes.getOrDefault(partition, startedAt)));
            for (int i = 0; i < random.nextInt(20); i++) {
                int at = random.nextInt(cursor.size());
                TopicPartition partition = cursor.partition(at);
                // Often the same millisecond again: several records of one millisecond are counted.
                long timestamp = random.nextBoolean() ? timestamps.get(partition) : RandomPositions.offset(random);
                cursor.advance(at, RandomPositions.offset(random), timestamp);
                seen.merge(partition, 1, (was, one) -> timestamp == timestamps.get(partition) ? was + 1 : 1);
                timestamps.put(partition, timestamp);
            }
            cursor.compactWhenLongerThan(random.nextInt(4_096));
            List<RequestedPosition> expected = new ArrayList<>();
            for (int i = 0; i < cursor.size(); i++) {
                TopicPartition partition = cursor.partition(i);
                expected.add(new RequestedPosition(partition.topic(), partition.partition(), null, timestamps.get(partition),
                        seen.getOrDefault(partition, 0)));
            }

            assertEquals(expected, LastEventId.parse(cursor.id()));
        });
    }

    /** A cursor moved on in some partitions, writing ids in the full form, the compact form, or the server's choice. */
    private static Cursor advancedCursor(Random random) {
        Cursor cursor = new Cursor(RandomPositions.of(random, 4, 20));
        for (int i = 0; i < random.nextInt(20); i++) {
            cursor.advance(random.nextInt(cursor.size()), RandomPositions.offset(random), 0);
        }
        switch (random.nextInt(3)) {
            case 0 -> cursor.compactWhenLongerThan(0);
            case 1 -> cursor.compactWhenLongerThan(2_048);
            default -> cursor.compactWhenLongerThan(Integer.MAX_VALUE);
        }
        return cursor;
    }
}
