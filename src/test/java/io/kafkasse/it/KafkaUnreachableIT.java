package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * When Kafka cannot be reached, clients are told within the configured bound, without broker addresses, in a way they
 * retry: an EventSource gets a stream (it would give up for good on an error status) that sets a longer {@code retry:},
 * carries the problem as an {@code error} event with the id the client sent, and ends; other clients get a 503 with
 * {@code Retry-After}. (What the server's health says meanwhile: {@link KafkaUnreachableHealthIT}.)
 */
class KafkaUnreachableIT extends StreamingIT {

    /** Nothing listens on the discard port of the loopback address. */
    static final String NOWHERE = "127.0.0.1:9";
    /** A base delay after errors the tests can tell apart from {@code sse.retry} (3 s) plus the jitter (1 s). */
    private static final long RETRY_AFTER_ERROR_MILLIS = 7000;
    private static final long JITTER_MILLIS = 1000;
    private static final String ID = "[{\"topic\":\"anything\",\"partition\":0,\"offset\":5}]";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("kafka.bootstrap.servers", NOWHERE, "sse.kafka-timeout", "1s",
                "sse.retry-after-error", RETRY_AFTER_ERROR_MILLIS + "ms", "sse.retry-jitter", JITTER_MILLIS + "ms"), 500);
    }

    @AfterEach
    void noConsumerIsLeftOpen() throws Exception {
        assertEquals(0, Json.object(Deployments.get(base, "/v2/stats").body()).getInt("liveConsumers"));
    }

    @Test
    @Timeout(30)
    void anSseClientIsToldToComeBackAndKeepsItsOwnIdWhenItSentNone() throws Exception {
        try (SseClient client = stream("anything")) {
            SseEvent error = assertToldToComeBack(client);
            assertNull(error.id(), "no id line: an EventSource keeps the last id it had");
        }
    }

    @Test
    @Timeout(30)
    void anSseClientIsToldToComeBackWithTheLastEventIdItSent() throws Exception {
        try (SseClient client = stream("anything", Map.of("Last-Event-ID", ID))) {
            assertEquals(ID, assertToldToComeBack(client).id());
        }
    }

    @Test
    @Timeout(30)
    void anSseClientIsToldToComeBackWithTheLastEventIdParameterItSent() throws Exception {
        try (SseClient client = stream("anything?last_event_id=" + URLEncoder.encode(ID, StandardCharsets.UTF_8))) {
            assertEquals(ID, assertToldToComeBack(client).id());
        }
    }

    @Test
    @Timeout(30)
    void aJsonStreamRequestIsA503WithRetryAfter() throws Exception {
        assertRetryLater(Deployments.get(base, "/v2/stream/anything", Map.of("Accept", "application/x-ndjson")));
    }

    @Test
    @Timeout(30)
    void listingStreamsIsA503WithRetryAfter() throws Exception {
        assertRetryLater(Deployments.get(base, "/v2/streams"));
    }

    /** The whole answer to an EventSource: the headers of a stream, the delay, one error event, the end. */
    private static SseEvent assertToldToComeBack(SseClient client) throws Exception {
        assertEquals(200, client.status(), client.errorBody());
        assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
        assertEquals("no-cache", client.header("Cache-Control"));
        assertEquals("no", client.header("X-Accel-Buffering"));
        SseEvent error = client.next(WAIT);
        assertEquals("error", error.event());
        assertProblem(Json.object(error.data()), error.data());
        Long retry = client.retry();
        assertNotNull(retry, "retry: before the error event");
        assertTrue(retry >= RETRY_AFTER_ERROR_MILLIS && retry <= RETRY_AFTER_ERROR_MILLIS + JITTER_MILLIS, "retry: " + retry);
        Await.until(WAIT, "the stream to end, so that the client reconnects", client::ended);
        assertNull(client.poll(java.time.Duration.ZERO), "nothing after the error event");
        return error;
    }

    private static void assertRetryLater(Deployments.Response response) {
        assertEquals(503, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= RETRY_AFTER_ERROR_MILLIS / 1000 && retryAfter <= (RETRY_AFTER_ERROR_MILLIS + JITTER_MILLIS) / 1000,
                "Retry-After: " + retryAfter);
        assertProblem(Json.object(response.body()), response.body());
    }

    private static void assertProblem(JsonObject problem, String text) {
        assertEquals("urn:kafka-sse:problem:kafka-unavailable", problem.getString("type"));
        assertEquals(503, problem.getInt("status"));
        assertTrue(problem.getBoolean("retryable"), text);
        assertFalse(text.contains("127.0.0.1") || text.contains("Exception"), text);
    }
}
