package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.PrometheusText;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * {@code GET /v2/metrics} as Prometheus scrapes it: the service's own metrics, named alike on every server, that
 * follow each stream from its request to its end; and the request id every API answer carries.
 */
@RunAsClient
class MetricsIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatUnderOnePrefix() throws Exception {
        Deployments.Response answer = Deployments.get(base, "/v2/metrics");

        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
        assertTrue(answer.contentType().contains("version=0.0.4"), answer.contentType());
        PrometheusText metrics = PrometheusText.parse(answer.body());
        assertTrue(metrics.declares("kafkasse_connections_opened_total", "counter"), answer.body());
        assertTrue(metrics.declares("kafkasse_connections_closed_total", "counter"), answer.body());
        assertTrue(metrics.declares("kafkasse_connections_open", "gauge"), answer.body());
        assertTrue(metrics.declares("kafkasse_history_waiting_clients", "gauge"), answer.body());
        assertTrue(metrics.declares("kafkasse_history_wait_seconds", "histogram"), answer.body());
        for (String reason : List.of("client_left", "too_slow", "lifetime", "drained", "token_expired", "error", "limit",
                "overload", "bad_request")) {
            assertNotNull(metrics.value("kafkasse_connections_closed_total", "reason", reason), reason);
        }
        assertNotNull(metrics.value("kafkasse_kafka_consumers", "role", "feed"));
        assertNotNull(metrics.value("kafkasse_kafka_consumers", "role", "history"));
        assertNotNull(metrics.value("kafkasse_kafka_consumers", "role", "lookup"));
    }

    @Test
    void aStreamIsCountedWhileOpenWithItsEventsBytesAndLatencyAndByItsReasonWhenItCloses() throws Exception {
        String topic = kafka.createTopic("metered", 2);
        double leftBefore = scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "client_left");
        double openedBefore = scrape().valueOrZero("kafkasse_connections_opened_total");

        try (SseClient client = stream(topic)) {
            client.awaitStart();
            kafka.send(topic, 0, "a", "{\"n\":1}");
            kafka.send(topic, 1, "b", "{\"n\":2}");
            kafka.send(topic, 0, "c", "{\"n\":3}");
            List<SseEvent> events = client.next(3, WAIT);
            assertEquals(3, events.size());

            PrometheusText metrics = scrape();
            assertEquals(1.0, metrics.value("kafkasse_clients_connected", "stream", topic));
            assertEquals(3.0, metrics.value("kafkasse_events_sent_total", "stream", topic));
            int dataBytes = events.stream().mapToInt(e -> ("data: " + e.data() + "\n\n").length() + ("id: " + e.id() + "\n").length()).sum();
            assertEquals(dataBytes, metrics.value("kafkasse_sent_bytes_total", "stream", topic));
            assertEquals(3.0, metrics.value("kafkasse_delivery_latency_seconds_count", "stream", topic));
            assertEquals(3.0, metrics.value("kafkasse_delivery_latency_seconds_bucket", "stream", topic, "le", "+Inf"));
            assertTrue(metrics.valueOrZero("kafkasse_connections_opened_total") >= openedBefore + 1);
            assertTrue(metrics.value("kafkasse_kafka_consumers", "role", "feed") >= 1);
            assertEquals(2.0, metrics.value("kafkasse_window_records", "topic", topic, "partition", "0"));
            assertEquals(1.0, metrics.value("kafkasse_window_records", "topic", topic, "partition", "1"));
            assertTrue(metrics.value("kafkasse_window_bytes", "topic", topic, "partition", "0") > 0);
            Await.until(WAIT, "the feed's lag to be known and zero", () -> Double.valueOf(0.0)
                    .equals(scrape().value("kafkasse_feed_lag_records", "topic", topic, "partition", "1")));
        }

        Await.until(WAIT, "the closed stream to be counted as the client's leaving",
                () -> scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "client_left") >= leftBefore + 1);
        // Counted as closed first, then let go by the delivery: the gauge follows a moment later.
        Await.until(WAIT, "the stream to be no longer connected",
                () -> scrape().valueOrZero("kafkasse_clients_connected", "stream", topic) == 0.0);
    }

    @Test
    void recordsLeftOutAreCountedByCause() throws Exception {
        String topic = kafka.createTopic("skipped", 1);
        try (SseClient client = stream(topic + "?key=wanted")) {
            client.awaitStart();
            kafka.send(topic, 0, "other", "{\"n\":1}");
            kafka.send(topic, 0, "wanted", "not json at all");
            kafka.send(topic, 0, "wanted", "{\"n\":3}");

            SseEvent sentinel = client.next(WAIT);
            assertTrue(sentinel.data().contains("\"n\":3"), sentinel.data());
            PrometheusText metrics = scrape();
            assertEquals(1.0, metrics.value("kafkasse_records_skipped_total", "topic", topic, "cause", "filtered"));
            assertEquals(1.0, metrics.value("kafkasse_records_skipped_total", "topic", topic, "cause", "not_json"));
            assertEquals(1.0, metrics.value("kafkasse_events_sent_total", "stream", topic));
        }
    }

    @Test
    void connectionsAreNotPublishedUnlessTheOperatorSaysSo() throws Exception {
        Deployments.Response answer = Deployments.get(base, "/v2/connections");

        assertEquals(404, answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals("urn:kafka-sse:problem:connections-hidden", io.kafkasse.it.support.Json.object(answer.body()).getString("type"));
    }

    @Test
    void aRefusedRequestIsCountedAsABadRequest() throws Exception {
        double before = scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "bad_request");

        try (SseClient client = stream("no-such-stream-" + System.nanoTime())) {
            assertEquals(404, client.status());
        }

        // Counted once, when the answer has gone (a scrape may come before the request's last step has run).
        Await.until(WAIT, "the refused request to be counted",
                () -> scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "bad_request") >= before + 1);
        assertEquals(before + 1, scrape().valueOrZero("kafkasse_connections_closed_total", "reason", "bad_request"));
    }

    @Test
    void everyAnswerCarriesARequestIdTheClientsOwnWhenItIsASafeToken() throws Exception {
        String topic = kafka.createTopic("traced", 1);
        try (SseClient client = stream(topic, Map.of("X-Request-ID", "trace-42.a_b"))) {
            assertEquals(200, client.status());
            assertEquals("trace-42.a_b", client.header("X-Request-ID"));
        }
        try (SseClient client = stream("no-such-stream", Map.of("X-Request-ID", "trace-43"))) {
            assertEquals(404, client.status());
            assertEquals("trace-43", client.header("X-Request-ID"));
        }

        String generated = Deployments.get(base, "/v2/stats").header("X-Request-ID");
        assertTrue(generated != null && generated.matches("[0-9a-f-]{36}"), generated);
        String unsafe = "x".repeat(65);
        String replaced = Deployments.get(base, "/v2/streams", Map.of("X-Request-ID", unsafe)).header("X-Request-ID");
        assertTrue(replaced != null && replaced.matches("[0-9a-f-]{36}"), replaced);
        assertNotEquals(generated, replaced);
        String spaced = Deployments.get(base, "/v2/streams", Map.of("X-Request-ID", "a b")).header("X-Request-ID");
        assertTrue(spaced.matches("[0-9a-f-]{36}"), spaced);
    }
}
