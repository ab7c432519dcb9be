package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.ClientInput;
import io.kafkasse.ForAll;
import io.kafkasse.HostileText;

/** Last-Event-ID and last_event_id come from the client: whatever they hold, the answer is positions or a 400. */
class LastEventIdPropertiesTest {

    private static final String INVALID = "invalid-last-event-id";
    private static final List<String> PIECES = List.of("[", "]", "{", "}", ",", ":", " ", "\n", "\"topic\"", "\"partition\"",
            "\"offset\"", "\"timestamp\"", "\"orders\"", "\"a.b_c-D9\"", "\"\"", "\".\"", "\"..\"", "\"note\"", "null", "true", "0", "1",
            "-1", "1.5", "1e2", "1e9999999999", "9223372036854775808", "2147483648", "\"\\ud800\"", "\"\\u0000\"", "\"\\",
            "{\"topic\":\"orders\",\"partition\":0,\"offset\":1}", "\"orders\":[1,null,2]", "\"orders\":[]");

    @Test
    void anyTextIsReadAsPositionsOrRefusedWithA400() {
        ForAll.check(3_000, LastEventIdPropertiesTest::anyId, text -> ClientInput.valueOrProblem(INVALID, () -> LastEventId.parse(text)));
    }

    @Test
    void whateverItReadsIsAPositionKafkaCanBeAskedFor() {
        ForAll.check(2_000, LastEventIdPropertiesTest::nearlyValidId, text ->
                ClientInput.valueOrProblem(INVALID, () -> LastEventId.parse(text)).ifPresent(positions -> {
                    assertFalse(positions.isEmpty());
                    assertTrue(positions.size() <= LastEventId.MAX_ENTRIES);
                    Set<TopicPartition> distinct = new HashSet<>();
                    for (RequestedPosition position : positions) {
                        assertTrue(LastEventId.legalTopic(position.topic()), position::toString);
                        assertTrue(position.partition() >= 0, position::toString);
                        assertTrue(position.offset() != null || position.timestamp() != null, position::toString);
                        assertTrue(position.offset() == null || position.offset() >= 0, position::toString);
                        assertTrue(position.timestamp() == null || position.timestamp() >= 0, position::toString);
                        assertTrue(distinct.add(position.topicPartition()), () -> "repeated: " + position);
                    }
                }));
    }

    @Test
    void anIgnoredFieldMayHoldAnyValueWithoutBreakingTheParser() {
        ForAll.check(1_000, random -> "[{\"topic\":\"orders\",\"note\":" + HostileText.oneOf(random,
                        HostileText::number,
                        r -> HostileText.of(r, PIECES, 30),
                        r -> HostileText.huge(r, List.of("[", "{\"a\":", "[1e9999999999,", "{\"a\":[")))
                        + ",\"partition\":0,\"offset\":1}]",
                text -> ClientInput.valueOrProblem(INVALID, () -> LastEventId.parse(text)).ifPresent(positions ->
                        assertEquals(List.of(new RequestedPosition("orders", 0, 1L, null)), positions)));
    }

    @Test
    void theCompactFormReadsBackToTheSamePositions() {
        ForAll.check(500, random -> RandomPositions.of(random, 6, 200), positions -> {
            String id;
            try {
                id = LastEventId.compact(positions);
            } catch (IllegalArgumentException overALimit) {
                // documented: more than MAX_ENTRIES partitions (counting the gaps) or MAX_LENGTH characters
                return;
            }
            List<RequestedPosition> expected = positions.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Cursor.ORDER))
                    .map(p -> new RequestedPosition(p.getKey().topic(), p.getKey().partition(), p.getValue(), null))
                    .toList();
            assertEquals(expected, LastEventId.parse(id));
        });
    }

    private static String anyId(Random random) {
        return HostileText.oneOf(random,
                HostileText::any,
                r -> HostileText.of(r, PIECES, 40),
                r -> HostileText.huge(r, PIECES),
                LastEventIdPropertiesTest::nearlyValidId);
    }

    private static String nearlyValidId(Random random) {
        Cursor cursor = new Cursor(RandomPositions.of(random, 3, 8));
        if (random.nextBoolean()) {
            cursor.compactWhenLongerThan(0);
        }
        return HostileText.mutate(random, cursor.id(), PIECES);
    }
}
