package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.RawHttp;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * Bounds on what one server holds for its clients (issue 20): once the windows and unsent events hold more than
 * {@code sse.memory.max-bytes}, requests that need history are turned away with the retryable answer, while live
 * streams are still served; a stream reads at most {@code sse.max-partitions} partitions, since each event's id names
 * every one of them.
 */
@RunAsClient
class ServerBoundsIT extends StreamingIT {

    private static final int MAX_PARTITIONS = 4;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.memory.max-bytes", "2000",
                "sse.max-partitions", Integer.toString(MAX_PARTITIONS)));
    }

    @Test
    void aStreamOfMorePartitionsThanTheBoundIsABadRequestNamingIt() throws Exception {
        String three = kafka.createTopic("three", 3);
        String two = kafka.createTopic("two", 2);
        try (SseClient refused = stream(three + "," + two)) {
            assertEquals(400, refused.status());
            JsonObject problem = Json.object(refused.errorBody());
            assertEquals("urn:kafka-sse:problem:too-many-partitions", problem.getString("type"));
            assertEquals(Integer.toString(MAX_PARTITIONS), problem.getString("limit"));
            assertTrue(problem.getString("detail").contains("5 partitions"), problem.getString("detail"));
        }
        try (SseClient served = stream(three).awaitStart()) {
            kafka.send(three, 2, "k", "{\"n\":1}");
            assertEquals(1, Json.object(served.next(WAIT).data()).getInt("n"));
        }
    }

    @Test
    void overTheBoundAResumeIsTurnedAwayWithTheRetryableAnswerAndLiveStreamsGoOn() throws Exception {
        String topic = kafka.createTopic("memory", 1);
        for (int i = 0; i < 10; i++) {
            kafka.send(topic, 0, "k", "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(500) + "\"}");
        }
        // A live client: its topic's window is pre-filled with the ten records, more than the bound.
        try (SseClient live = stream(topic).awaitStart()) {
            byte[] resume = ("/v2/stream/" + topic + "?since=0").getBytes(StandardCharsets.US_ASCII);
            Map<String, String> json = Map.of("Accept", "application/x-ndjson");
            // Read as a raw request: while the bound is not yet sampled the answer is a stream, which never ends.
            Await.until(WAIT, "the window's bytes to be sampled over the bound", () -> {
                try {
                    return RawHttp.send(base, "GET", resume, json, WAIT).status() == 503;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RawHttp.Answer refused = RawHttp.send(base, "GET", resume, json, WAIT);
            JsonObject problem = Json.object(refused.body());
            assertEquals("urn:kafka-sse:problem:server-busy", problem.getString("type"));
            assertTrue(problem.getBoolean("retryable"));
            assertTrue(Long.parseLong(refused.headers().get("Retry-After")) >= 1);

            try (SseClient resuming = stream(topic + "?since=0")) {
                assertEquals(200, resuming.status(), "an EventSource gets the answer it retries");
                SseEvent error = resuming.next(WAIT);
                assertEquals("error", error.event());
                assertEquals("urn:kafka-sse:problem:server-busy", Json.object(error.data()).getString("type"));
            }

            kafka.send(topic, 0, "k", "{\"n\":10}");
            assertEquals(10, Json.object(live.next(WAIT).data()).getInt("n"), "the live client is still served");
            try (SseClient another = stream(topic).awaitStart()) {
                kafka.send(topic, 0, "k", "{\"n\":11}");
                assertEquals(11, Json.object(another.next(WAIT).data()).getInt("n"), "and a new live client too");
            }
        }
    }
}
