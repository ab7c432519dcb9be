package io.kafkasse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class StreamProblemTest {

    @Test
    void passingFailuresAre503sMarkedRetryable() {
        for (StreamProblem problem : new StreamProblem[] {StreamProblem.kafkaUnavailable(new RuntimeException("x")),
                StreamProblem.overloaded(null), StreamProblem.shuttingDown(), StreamProblem.tooSlow(10)}) {
            JsonObject json = problem.toJson();
            assertTrue(problem.retryable(), json.toString());
            assertEquals(503, json.getInt("status"));
            assertTrue(json.getBoolean("retryable"), json.toString());
        }
    }

    @Test
    void shuttingDownHasItsOwnType() {
        JsonObject json = StreamProblem.shuttingDown().toJson();
        assertEquals("urn:kafka-sse:problem:shutting-down", json.getString("type"));
        assertEquals("Server shutting down", json.getString("title"));
    }

    @Test
    void problemsOfTheRequestOrOfTheServiceAreNot() {
        for (StreamProblem problem : new StreamProblem[] {StreamProblem.unknownTopic("t"),
                StreamProblem.badRequest("invalid-since", "Invalid since", "no", Map.of()),
                StreamProblem.configuration("bad"), StreamProblem.internal(new RuntimeException())}) {
            assertFalse(problem.retryable());
            assertFalse(problem.toJson().getBoolean("retryable"), problem.toJson().toString());
        }
    }

    @Test
    void theJsonKeepsTheRfc9457Members() {
        JsonObject json = StreamProblem.kafkaUnavailable(null).toJson();
        assertEquals("urn:kafka-sse:problem:kafka-unavailable", json.getString("type"));
        assertEquals("Kafka unavailable", json.getString("title"));
        assertEquals(503, json.getInt("status"));
        assertEquals("Kafka did not answer in time; try again later", json.getString("detail"));
    }
}
