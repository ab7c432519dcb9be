package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.function.Executable;

import io.kafkasse.error.StreamProblem;

/** Asserts on the problem a client would see, as JSON, rather than on exception internals. */
final class Problems {

    private Problems() {
    }

    /** Runs {@code call}, expects a 400 of {@code type} whose detail contains {@code reason}; returns its JSON. */
    static JsonObject assertBadRequest(String type, String reason, Executable call) {
        StreamProblem problem = assertThrows(StreamProblem.class, call);
        JsonObject json = problem.toJson();
        assertEquals(400, problem.status());
        assertEquals(400, json.getInt("status"));
        assertEquals("urn:kafka-sse:problem:" + type, json.getString("type"));
        String detail = json.getString("detail");
        assertTrue(detail.contains(reason), () -> "detail '" + detail + "' should contain '" + reason + "'");
        assertFalse(detail.contains("Exception") || detail.contains("\tat ") || detail.contains("\n"),
                () -> "detail '" + detail + "' looks like a stack trace");
        return json;
    }
}
