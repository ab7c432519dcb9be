package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * The connection limits: a client over its own limit gets 429 with {@code Retry-After}; a stream or a server that has
 * all the clients it may take turns an EventSource away with the retryable answer (200, {@code retry:}, an
 * {@code error} event) and other clients with 503 and {@code Retry-After}. Places come back when streams end. Clients
 * are told apart by a trusted proxy header here, as behind a load balancer.
 */
@RunAsClient
class ConnectionLimitsIT extends StreamingIT {

    private static final int PER_CLIENT = 2;
    private static final int PER_STREAM = 3;
    private static final int TOTAL = 4;

    private final List<SseClient> open = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of(
                "sse.limits.per-client", Integer.toString(PER_CLIENT),
                "sse.limits.per-stream", Integer.toString(PER_STREAM),
                "sse.limits.total", Integer.toString(TOTAL),
                "sse.limits.client-header", "X-Forwarded-For"));
    }

    @BeforeEach
    void noStreamIsOpen() throws InterruptedException {
        Await.until(WAIT, "no stream open from an earlier test", () -> openStreams() == 0);
    }

    @AfterEach
    void closeStreams() {
        open.forEach(SseClient::close);
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndAProblemWhileOtherClientsAreServed() throws Exception {
        String topic = kafka.createTopic("per-client", 1);
        SseClient first = opened(topic, "10.0.0.1");
        opened(topic, "10.0.0.1");

        try (SseClient third = stream(topic, Map.of("X-Forwarded-For", "10.0.0.1"))) {
            assertEquals(429, third.status());
            assertTrue(third.header("Content-Type").startsWith("application/problem+json"), third.header("Content-Type"));
            assertTrue(Long.parseLong(third.header("Retry-After")) >= 1, third.header("Retry-After"));
            assertNotNull(third.header("X-Request-ID"));
            JsonObject problem = Json.object(third.errorBody());
            assertEquals("urn:kafka-sse:problem:too-many-connections", problem.getString("type"));
            assertEquals(429, problem.getInt("status"));
            assertFalse(problem.getBoolean("retryable"));
        }
        opened(topic, "10.0.0.2");

        first.close();
        Await.until(WAIT, "the client's first stream to end", () -> openStreams() == 2);
        opened(topic, "10.0.0.1");
    }

    @Test
    void theClientIsTheLastAddressOfTheTrustedHeaderWhateverItPutsInFront() throws Exception {
        String topic = kafka.createTopic("forwarded", 1);
        opened(topic, "1.1.1.1, 10.0.0.7");
        opened(topic, "2.2.2.2, 10.0.0.7");

        try (SseClient third = stream(topic, Map.of("X-Forwarded-For", "3.3.3.3, 10.0.0.7"))) {
            assertEquals(429, third.status());
        }
    }

    @Test
    void aFullStreamTurnsAnEventSourceAwayWithTheRetryableAnswerAndOthersWith503() throws Exception {
        String full = kafka.createTopic("full", 1);
        String other = kafka.createTopic("other", 1);
        double limitedBefore = scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "limit");
        for (int i = 0; i < PER_STREAM; i++) {
            opened(full, "10.1.0." + i);
        }

        try (SseClient turnedAway = stream(full, Map.of("X-Forwarded-For", "10.1.0.9"))) {
            assertEquals(200, turnedAway.status());
            SseEvent error = turnedAway.next(WAIT);
            assertEquals("error", error.event());
            JsonObject problem = Json.object(error.data());
            assertEquals("urn:kafka-sse:problem:connection-limit", problem.getString("type"));
            assertTrue(problem.getBoolean("retryable"));
            assertNotNull(turnedAway.retry(), "retry: before the error event");
            Await.until(WAIT, "the answer to end", turnedAway::ended);
        }
        Deployments.Response json = Deployments.get(base, "/v2/stream/" + full,
                Map.of("Accept", "application/x-ndjson", "X-Forwarded-For", "10.1.0.10"));
        assertEquals(503, json.status());
        assertTrue(Long.parseLong(json.header("Retry-After")) >= 1);
        assertEquals("urn:kafka-sse:problem:connection-limit", Json.object(json.body()).getString("type"));
        Await.until(WAIT, "both refusals to be counted",
                () -> scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "limit") >= limitedBefore + 2);
        assertEquals(limitedBefore + 2, scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "limit"));

        opened(other, "10.1.0.11");
    }

    @Test
    void aFullServerTurnsNewStreamsAwayUntilOneEnds() throws Exception {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i <= TOTAL; i++) {
            topics.add(kafka.createTopic("total", 1));
        }
        List<SseClient> served = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            served.add(opened(topics.get(i), "10.2.0." + i));
        }

        try (SseClient turnedAway = stream(topics.get(TOTAL), Map.of("X-Forwarded-For", "10.2.0.9"))) {
            SseEvent error = turnedAway.next(WAIT);
            assertEquals("error", error.event());
            JsonObject problem = Json.object(error.data());
            assertEquals("urn:kafka-sse:problem:connection-limit", problem.getString("type"));
            assertTrue(problem.getString("detail").startsWith("The server"), problem.getString("detail"));
        }

        served.get(0).close();
        Await.until(WAIT, "a stream to end", () -> openStreams() == TOTAL - 1);
        opened(topics.get(TOTAL), "10.2.0.9");
    }

    /** A stream that started for this client (its first comment arrived), closed after the test. */
    private SseClient opened(String topic, String forwardedFor) throws Exception {
        SseClient client = stream(topic, Map.of("X-Forwarded-For", forwardedFor));
        open.add(client);
        assertEquals(200, client.status(), client.errorBody());
        client.awaitStart();
        assertEquals(null, client.poll(java.time.Duration.ZERO), "no error event: the stream was admitted");
        return client;
    }
}
