package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.extensions.KeyRulesFilter;
import io.kafkasse.it.extensions.TaggingDeserializer;
import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/** A deployment adds its own deserializer and filter as CDI beans; their failures have defined outcomes. */
class ExtensionsIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar().addClasses(TaggingDeserializer.class, KeyRulesFilter.class);
    }

    @Test
    void theDeploymentsDeserializerReplacesTheDefaultAndAFailingOneOnlySkipsTheRecord() throws Exception {
        String topic = kafka.createTopic("custom", 1);
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "bad", "{\"n\":1}");
            kafka.send(topic, 0, "good", "{\"n\":2}");
            JsonObject data = Json.object(client.next(WAIT).data());
            assertEquals(2, data.getInt("n"));
            assertEquals("TaggingDeserializer", data.getString("deserializedBy"));
            assertEquals("good", data.getJsonObject("_kafka").getString("key"));
        }
    }

    @Test
    void theDeploymentsFilterDropsRecords() throws Exception {
        String topic = kafka.createTopic("filtered", 1);
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "drop-me", "{\"n\":1}");
            kafka.send(topic, 0, "keep-me", "{\"n\":2}");
            assertEquals(2, Json.object(client.next(WAIT).data()).getInt("n"));
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void aFilterThatThrowsEndsTheStreamWithAnErrorEventCarryingTheIdToResumeFrom() throws Exception {
        String topic = kafka.createTopic("boom", 1);
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "ok", "{\"n\":1}");
            SseEvent delivered = client.next(WAIT);
            kafka.send(topic, 0, "boom", "{\"n\":2}");

            SseEvent error = client.next(WAIT);
            assertEquals("error", error.event());
            assertEquals(delivered.id(), error.id(), "the error says where to resume");
            JsonObject problem = Json.object(error.data());
            assertEquals(500, problem.getInt("status"));
            assertTrue(problem.getString("type").startsWith("urn:kafka-sse:problem:"), problem.toString());
            assertTrue(!error.data().contains("Exception"), "no stack trace: " + error.data());
            Await.until(WAIT, "the server to end the stream", client::ended);
        }
        Await.until(WAIT, "the stream's consumer to be closed",
                () -> liveConsumers() == 0);
        assertEquals(List.of(), List.copyOf(kafka.groups()));
    }

}
