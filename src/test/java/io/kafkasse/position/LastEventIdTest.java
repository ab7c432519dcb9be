package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class LastEventIdTest {

    @Test
    void readsTheIdsOurEventsCarry() {
        Map<TopicPartition, Long> start = Map.of(new TopicPartition("orders", 0), 43L, new TopicPartition("orders", 1), 17L);
        assertEquals(List.of(new RequestedPosition("orders", 0, 43L, null), new RequestedPosition("orders", 1, 17L, null)),
                LastEventId.parse(new Cursor(start).id()));
    }

    @Test
    void readsTimestampsAndKeepsBothWhenBothAreGiven() {
        assertEquals(List.of(new RequestedPosition("t", 0, null, 1763800000000L), new RequestedPosition("t", 1, 5L, 1L)),
                LastEventId.parse("[{\"topic\":\"t\",\"partition\":0,\"timestamp\":1763800000000},"
                        + "{\"topic\":\"t\",\"partition\":1,\"offset\":5,\"timestamp\":1}]"));
    }

    @Test
    void theCompactFormRoundTrips() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        positions.put(new TopicPartition("a", 0), 7L);
        positions.put(new TopicPartition("a", 2), 9L);
        positions.put(new TopicPartition("b", 0), 0L);
        String compact = LastEventId.compact(positions);

        assertEquals("{\"a\":[7,null,9],\"b\":[0]}", compact);
        assertEquals(List.of(new RequestedPosition("a", 0, 7L, null), new RequestedPosition("a", 2, 9L, null),
                new RequestedPosition("b", 0, 0L, null)), LastEventId.parse(compact));
    }

    @Test
    void theCompactFormOfSixtyFourPartitionsIsAFractionOfTheFullOne() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (int p = 0; p < 64; p++) {
            positions.put(new TopicPartition("eqiad.mediawiki.recentchange", p), 1_234_567_890L + p * 7919L);
        }
        int full = new Cursor(positions).id().length();
        int compact = LastEventId.compact(positions).length();
        System.out.println("Id of 64 partitions of eqiad.mediawiki.recentchange: full " + full + " bytes, compact " + compact + " bytes");
        assertTrue(compact * 3 < full, full + " vs " + compact);
    }

    @Test
    void everyMalformedIdIsA400() {
        for (String bad : List.of("", "not json", "42", "\"text\"", "[]", "{}", "[1]", "[{}]",
                "[{\"topic\":\"\",\"partition\":0,\"offset\":0}]",
                "[{\"topic\":\"bad name\",\"partition\":0,\"offset\":0}]",
                "[{\"topic\":\"t\",\"partition\":\"0\",\"offset\":0}]",
                "[{\"topic\":\"t\",\"partition\":-1,\"offset\":0}]",
                "[{\"topic\":\"t\",\"partition\":0.5,\"offset\":0}]",
                "[{\"topic\":\"t\",\"partition\":0}]",
                "[{\"topic\":\"t\",\"partition\":0,\"offset\":-3}]",
                "[{\"topic\":\"t\",\"partition\":0,\"offset\":99999999999999999999}]",
                "[{\"topic\":\"t\",\"partition\":0,\"offset\":1},{\"topic\":\"t\",\"partition\":0,\"offset\":2}]",
                "{\"t\":5}", "{\"t\":[\"x\"]}", "x".repeat(70_000))) {
            StreamProblem problem = assertThrows(StreamProblem.class, () -> LastEventId.parse(bad), bad);
            assertEquals(400, problem.status());
            assertEquals("urn:kafka-sse:problem:invalid-last-event-id", problem.toJson().getString("type"));
        }
    }
}
