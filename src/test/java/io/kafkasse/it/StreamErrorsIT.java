package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingTest;
import io.kafkasse.it.support.TestKafka;

/** A request that cannot be served is answered before any stream starts, with a problem+json body that says why. */
@StreamingTest
class StreamErrorsIT {

    private static TestKafka kafka;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @AfterEach
    void noConsumerIsLeftOpen() throws Exception {
        JsonObject stats = Json.object(Deployments.get(base, "/v2/stats").body());
        assertEquals(0, stats.getInt("liveConsumers"), "consumers left open by a refused request");
    }

    @Test
    void unknownTopicIsA404NamingIt() throws Exception {
        JsonObject problem = problem("/v2/stream/no-such-topic", 404);
        assertEquals("urn:kafka-sse:problem:unknown-topic", problem.getString("type"));
        assertEquals("no-such-topic", problem.getString("topic"));
        assertTrue(problem.getString("detail").contains("no-such-topic"), problem.toString());
    }

    @Test
    void oneUnknownTopicAmongKnownOnesIsA404NamingTheUnknownOne() throws Exception {
        String known = kafka.createTopic("known", 1);
        JsonObject problem = problem("/v2/stream/" + known + ",missing-one", 404);
        assertEquals("missing-one", problem.getString("topic"));
    }

    @Test
    void internalTopicsAreNeverServed() throws Exception {
        JsonObject problem = problem("/v2/stream/__consumer_offsets", 404);
        assertEquals("__consumer_offsets", problem.getString("topic"));
    }

    @Test
    void malformedTopicNameIsA400() throws Exception {
        JsonObject problem = problem("/v2/stream/bad%20name!", 400);
        assertEquals("urn:kafka-sse:problem:invalid-stream-name", problem.getString("type"));
        assertEquals(400, problem.getInt("status"));
    }

    @Test
    void emptyNameInTheListIsA400() throws Exception {
        problem("/v2/stream/a,,b", 400);
    }

    private JsonObject problem(String path, int status) throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, path))) {
            assertEquals(status, client.status(), client.errorBody());
            assertTrue(client.header("Content-Type").startsWith("application/problem+json"), client.header("Content-Type"));
            assertFalse(client.errorBody().contains("Exception"), "no stack trace: " + client.errorBody());
            JsonObject problem = Json.object(client.errorBody());
            assertEquals(status, problem.getInt("status"));
            assertTrue(problem.containsKey("title") && problem.containsKey("detail"), problem.toString());
            return problem;
        }
    }
}
