package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void idListsEveryPartitionSortedByTopicThenPartitionWithItsNextOffset() {
        Cursor cursor = new Cursor(Map.of(
                new TopicPartition("orders", 10), 5L,
                new TopicPartition("orders", 2), 7L,
                new TopicPartition("changes", 0), 0L));

        assertEquals("[{\"topic\":\"changes\",\"partition\":0,\"offset\":0},"
                + "{\"topic\":\"orders\",\"partition\":2,\"offset\":7},"
                + "{\"topic\":\"orders\",\"partition\":10,\"offset\":5}]", cursor.id());
    }

    @Test
    void advancingOnePartitionLeavesTheOthersWhereTheyWere() {
        Cursor cursor = new Cursor(Map.of(new TopicPartition("a", 0), 3L, new TopicPartition("a", 1), 9L));

        cursor.advance(new TopicPartition("a", 1), 10L, 1000L);

        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"offset\":3},{\"topic\":\"a\",\"partition\":1,\"offset\":10}]", cursor.id());
    }

    @Test
    void timestampIdsCarryTheLastDeliveredTimestampOrTheTimeTheStreamStartedFrom() {
        Cursor cursor = Cursor.withTimestamps(
                Map.of(new TopicPartition("a", 0), 3L, new TopicPartition("a", 1), 9L, new TopicPartition("a", 2), 0L),
                Map.of(new TopicPartition("a", 2), 500L), Map.of(), 1_000L);

        cursor.advance(new TopicPartition("a", 1), 10L, 777L);

        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":1000},{\"topic\":\"a\",\"partition\":1,\"timestamp\":777,\"seen\":1},"
                + "{\"topic\":\"a\",\"partition\":2,\"timestamp\":500}]", cursor.id());
    }

    @Test
    void timestampIdsCountTheRecordsDeliveredInTheirMillisecond() {
        TopicPartition a0 = new TopicPartition("a", 0);
        Cursor cursor = Cursor.withTimestamps(Map.of(a0, 0L), Map.of(), Map.of(), 100L);

        cursor.advance(a0, 1L, 200L);
        cursor.advance(a0, 2L, 200L);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":200,\"seen\":2}]", cursor.id());
        cursor.advance(a0, 3L, 201L);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":201,\"seen\":1}]", cursor.id());
    }

    @Test
    void aResumedTimestampCursorGoesOnCountingFromWhatTheClientHad() {
        TopicPartition a0 = new TopicPartition("a", 0);
        Cursor cursor = Cursor.withTimestamps(Map.of(a0, 7L), Map.of(a0, 200L), Map.of(a0, 2), 999L);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":200,\"seen\":2}]", cursor.id(),
                "nothing new yet: the same id the client came back with");

        cursor.advance(a0, 8L, 200L);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":200,\"seen\":3}]", cursor.id());
    }

    @Test
    void switchesToTheCompactFormWhenTheFullIdIsTooLong() {
        Cursor cursor = new Cursor(Map.of(new TopicPartition("a", 0), 3L, new TopicPartition("a", 1), 9L));
        cursor.compactWhenLongerThan(1000);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"offset\":3},{\"topic\":\"a\",\"partition\":1,\"offset\":9}]", cursor.id());

        cursor.compactWhenLongerThan(10);
        cursor.advance(new TopicPartition("a", 1), 10L, 0L);
        assertEquals("{\"a\":[3,10]}", cursor.id());
    }

    @Test
    void timestampIdsSwitchToTheCompactFormToo() {
        TopicPartition a0 = new TopicPartition("a", 0);
        TopicPartition a1 = new TopicPartition("a", 1);
        Cursor cursor = Cursor.withTimestamps(Map.of(a0, 0L, a1, 0L), Map.of(), Map.of(), 100L);
        cursor.compactWhenLongerThan(10);

        cursor.advance(a1, 1L, 200L);
        cursor.advance(a1, 2L, 200L);
        assertEquals("{\"a\":[[100],[200,2]]}", cursor.id());
        assertEquals(List.of(new RequestedPosition("a", 0, null, 100L, 0), new RequestedPosition("a", 1, null, 200L, 2)),
                LastEventId.parse(cursor.id()));
    }

    @Test
    void anIdForATopicThatGainedPartitionsNamesTheNewOnesAtTheirStartInTheCursorsForm() {
        TopicPartition a0 = new TopicPartition("a", 0);
        TopicPartition b0 = new TopicPartition("b", 0);
        Cursor offsets = new Cursor(Map.of(a0, 5L, b0, 7L));
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"offset\":5},{\"topic\":\"a\",\"partition\":1,\"offset\":0},"
                + "{\"topic\":\"a\",\"partition\":2,\"offset\":0},{\"topic\":\"b\",\"partition\":0,\"offset\":7}]",
                offsets.idWithPartitionsAdded("a", 3));
        offsets.compactWhenLongerThan(0);
        assertEquals("{\"a\":[5,0],\"b\":[7]}", offsets.idWithPartitionsAdded("a", 2));

        Cursor stamps = Cursor.withTimestamps(Map.of(a0, 5L), Map.of(a0, 900L), Map.of(a0, 2), 1_000L);
        assertEquals("[{\"topic\":\"a\",\"partition\":0,\"timestamp\":900,\"seen\":2},"
                + "{\"topic\":\"a\",\"partition\":1,\"timestamp\":0}]", stamps.idWithPartitionsAdded("a", 2));
        assertEquals(stamps.id(), stamps.idWithPartitionsAdded("a", 1), "no partition added: the id as it is");
    }

    @Test
    void refusesASymbolicStartOffset() {
        assertThrows(IllegalArgumentException.class, () -> new Cursor(Map.of(new TopicPartition("a", 0), -1L)));
    }

    @Test
    void refusesAPartitionItDoesNotRead() {
        Cursor cursor = new Cursor(Map.of(new TopicPartition("a", 0), 0L));
        assertThrows(IllegalArgumentException.class, () -> cursor.advance(new TopicPartition("b", 0), 1L, 0L));
    }
}
