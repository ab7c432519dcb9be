package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/** When Kafka cannot be reached, clients get a 503 within the configured bound, without broker addresses. */
class KafkaUnreachableIT extends StreamingIT {

    /** Nothing listens on the discard port of the loopback address. */
    private static final String NOWHERE = "127.0.0.1:9";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("kafka.bootstrap.servers", NOWHERE, "sse.kafka-timeout", "2s"), 500);
    }

    @Test
    @Timeout(30)
    void aStreamRequestIsA503() throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, "/v2/stream/anything"))) {
            assertEquals(503, client.status(), client.errorBody());
            JsonObject problem = Json.object(client.errorBody());
            assertEquals("urn:kafka-sse:problem:kafka-unavailable", problem.getString("type"));
            assertFalse(client.errorBody().contains("127.0.0.1") || client.errorBody().contains("Exception"), client.errorBody());
        }
        assertEquals(0, Json.object(Deployments.get(base, "/v2/stats").body()).getInt("liveConsumers"));
    }

    @Test
    @Timeout(30)
    void listingStreamsIsA503() throws Exception {
        Deployments.Response response = Deployments.get(base, "/v2/streams");
        assertEquals(503, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
    }
}
