package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class SinceTest {

    @Test
    void readsEpochMillisecondsAndIsoForms() {
        assertEquals(1763800000000L, Since.parse("1763800000000"));
        assertEquals(1763806530000L, Since.parse("2025-11-22T10:15:30Z"));
        assertEquals(1763806530123L, Since.parse("2025-11-22T11:15:30.123+01:00"));
        assertEquals(1763806530000L, Since.parse("2025-11-22T10:15:30"));
        assertEquals(1763769600000L, Since.parse("2025-11-22"));
    }

    @Test
    void everythingElseIsA400() {
        for (String bad : List.of("", "yesterday", "-5", "99999999999999999999", "2025-13-45", "2025-11-22T25:00", "x".repeat(65))) {
            StreamProblem problem = assertThrows(StreamProblem.class, () -> Since.parse(bad), bad);
            assertEquals(400, problem.status());
            assertEquals("urn:kafka-sse:problem:invalid-since", problem.toJson().getString("type"));
        }
    }
}
