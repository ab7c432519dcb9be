package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * A request that cannot be served is answered before any stream starts, with a problem+json body that says why:
 * 400 for malformed input, 404 for what does not exist or is not allowed, wherever it is named. These keep their
 * status for SSE clients too (unlike passing failures, see {@link KafkaUnreachableIT}): an EventSource should give up
 * on a request that can never succeed, and the problem is not marked retryable.
 */
class StreamErrorsIT extends StreamingIT {

    private static String known;
    private static String otherKnown;
    private static String secret;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.allowed-topics", "known-*,missing-*"));
    }

    @BeforeAll
    static void createTopics() throws Exception {
        known = kafka.createTopic("known", 1);
        otherKnown = kafka.createTopic("known", 1);
        secret = kafka.createTopic("secret", 1);
    }

    @AfterEach
    void noConsumerIsLeftOpen() throws Exception {
        JsonObject stats = Json.object(Deployments.get(base, "/v2/stats").body());
        assertEquals(0, stats.getInt("liveConsumers"), "consumers left open by a refused request");
    }

    @Test
    void anAllowedTopicThatDoesNotExistIsA404NamingIt() throws Exception {
        JsonObject problem = problem("/v2/stream/missing-topic", Map.of(), 404);
        assertEquals("urn:kafka-sse:problem:unknown-topic", problem.getString("type"));
        assertEquals("missing-topic", problem.getString("topic"));
        assertTrue(problem.getString("detail").contains("missing-topic"), problem.toString());
    }

    @Test
    void oneUnknownNameAmongKnownOnesIsA404NamingTheUnknownOne() throws Exception {
        JsonObject problem = problem("/v2/stream/" + known + ",missing-one", Map.of(), 404);
        assertEquals("missing-one", problem.getString("topic"));
    }

    @Test
    void anExistingTopicOutsideTheAllowListIsA404() throws Exception {
        JsonObject problem = problem("/v2/stream/" + secret, Map.of(), 404);
        assertEquals("urn:kafka-sse:problem:unknown-stream", problem.getString("type"));
        assertEquals(secret, problem.getString("stream"));
    }

    @Test
    void internalTopicsAreNeverServed() throws Exception {
        assertEquals("__consumer_offsets", problem("/v2/stream/__consumer_offsets", Map.of(), 404).getString("stream"));
    }

    @ParameterizedTest(name = "streams={0}")
    @ValueSource(strings = {"bad%20name!", "a,,b", "a%3Ab", "t%C3%A9l%C3%A9"})
    void malformedNamesAreA400(String streams) throws Exception {
        JsonObject problem = problem("/v2/stream/" + streams, Map.of(), 400);
        assertEquals("urn:kafka-sse:problem:invalid-stream-name", problem.getString("type"));
    }

    @ParameterizedTest(name = "Last-Event-ID: {0}")
    @ValueSource(strings = {"not json", "[]", "{}", "[{\"partition\":0,\"offset\":0}]", "[{\"topic\":\"t\",\"partition\":\"0\",\"offset\":0}]",
            "[{\"topic\":\"t\",\"partition\":0}]", "[{\"topic\":\"t\",\"partition\":-1,\"offset\":0}]", "[{\"topic\":\"t\",\"partition\":0,\"offset\":1.5}]"})
    void malformedLastEventIdIsA400(String lastEventId) throws Exception {
        JsonObject problem = problem("/v2/stream/" + known, Map.of("Last-Event-ID", lastEventId), 400);
        assertEquals("urn:kafka-sse:problem:invalid-last-event-id", problem.getString("type"));
    }

    @Test
    void malformedLastEventIdQueryParameterIsA400() throws Exception {
        JsonObject problem = problem("/v2/stream/" + known + "?last_event_id=" + encode("[{"), Map.of(), 400);
        assertEquals("urn:kafka-sse:problem:invalid-last-event-id", problem.getString("type"));
    }

    @Test
    void aTopicOutsideTheAllowListInsideLastEventIdIsA404() throws Exception {
        JsonObject problem = problem("/v2/stream/" + known, Map.of("Last-Event-ID", position(secret, 0)), 404);
        assertEquals(secret, problem.getString("topic"));
    }

    @Test
    void anAllowedTopicThatWasNotRequestedInsideLastEventIdIsA404() throws Exception {
        JsonObject problem = problem("/v2/stream/" + known, Map.of("Last-Event-ID", position(otherKnown, 0)), 404);
        assertEquals(otherKnown, problem.getString("topic"));
    }

    @Test
    void aPartitionThatDoesNotExistInsideLastEventIdIsA400() throws Exception {
        JsonObject problem = problem("/v2/stream/" + known, Map.of("Last-Event-ID", position(known, 7)), 400);
        assertEquals("urn:kafka-sse:problem:unknown-partition", problem.getString("type"));
    }

    @ParameterizedTest(name = "since={0}")
    @ValueSource(strings = {"yesterday", "-5", "2026-13-45", "99999999999999999999999"})
    void malformedSinceIsA400(String since) throws Exception {
        JsonObject problem = problem("/v2/stream/" + known + "?since=" + encode(since), Map.of(), 400);
        assertEquals("urn:kafka-sse:problem:invalid-since", problem.getString("type"));
    }

    @ParameterizedTest(name = "filter {0}")
    @ValueSource(strings = {"key=(", "key=a**", "match.=x"})
    void malformedFiltersAreA400(String filter) throws Exception {
        String[] parts = filter.split("=", 2);
        JsonObject problem = problem("/v2/stream/" + known + "?" + parts[0] + "=" + encode(parts[1]), Map.of(), 400);
        assertEquals("urn:kafka-sse:problem:invalid-filter", problem.getString("type"));
    }

    @Test
    void jsonClientsGetTheSameErrors() throws Exception {
        Deployments.Response response = Deployments.get(base, "/v2/stream/missing-topic", Map.of("Accept", "application/json"));
        assertEquals(404, response.status());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertEquals("missing-topic", Json.object(response.body()).getString("topic"));
        assertFalse(Json.object(response.body()).getBoolean("retryable"));
        assertNull(response.header("Retry-After"));
    }

    private JsonObject problem(String path, Map<String, String> headers, int status) throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, path), headers)) {
            assertEquals(status, client.status(), client.errorBody());
            assertTrue(client.header("Content-Type").startsWith("application/problem+json"), client.header("Content-Type"));
            assertFalse(client.errorBody().contains("Exception") || client.errorBody().contains(kafkaPort()),
                    "no stack trace, no broker address: " + client.errorBody());
            JsonObject problem = Json.object(client.errorBody());
            assertEquals(status, problem.getInt("status"));
            assertTrue(problem.containsKey("title") && problem.containsKey("detail"), problem.toString());
            assertFalse(problem.getBoolean("retryable"), problem.toString());
            assertNull(client.header("Retry-After"), "a request that can never succeed is not to be retried");
            return problem;
        }
    }

    private static String kafkaPort() {
        String servers = io.kafkasse.it.support.KafkaForTests.bootstrapServers();
        return servers.substring(servers.lastIndexOf(':'));
    }

    private static String position(String topic, int partition) {
        return "[{\"topic\":\"" + topic + "\",\"partition\":" + partition + ",\"offset\":0}]";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
