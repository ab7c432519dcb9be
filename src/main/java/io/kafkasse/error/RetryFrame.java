package io.kafkasse.error;

import java.util.Optional;

import jakarta.json.JsonObject;

/**
 * The whole body of the SSE answer to a retryable problem before a stream started: the reconnect delay, then one
 * {@code error} event with the problem, then the end. An EventSource gives up for good on any answer that is not
 * {@code 200 text/event-stream}; this one it takes as a stream that ended, and it reconnects after {@code retry}.
 */
final class RetryFrame {

    private RetryFrame() {
    }

    /**
     * @param resumeId the id the client sent, repeated so that it resumes from there; without one no {@code id:} line
     *                 is written and an EventSource keeps the last id it had
     * @param problem  written on one {@code data:} line (JSON text escapes line breaks)
     */
    static String of(long retryMillis, Optional<String> resumeId, JsonObject problem) {
        StringBuilder frame = new StringBuilder(256)
                .append("retry: ").append(retryMillis).append('\n')
                .append("event: error\n");
        resumeId.ifPresent(id -> frame.append("id: ").append(id).append('\n'));
        return frame.append("data: ").append(problem).append("\n\n").toString();
    }

    /** {@code Retry-After} is in whole seconds: rounded up, so that a client that obeys it never comes back early. */
    static long retryAfterSeconds(long retryMillis) {
        return Math.max(1, (retryMillis + 999) / 1000);
    }
}
