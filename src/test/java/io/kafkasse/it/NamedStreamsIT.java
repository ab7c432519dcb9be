package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.apache.kafka.common.TopicPartition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/** Operators name streams that stand for several topics; the union of a request's topics is all it may read. */
class NamedStreamsIT extends StreamingIT {

    private static final String EQIAD = "it-wiki-eqiad";
    private static final String CODFW = "it-wiki-codfw";
    private static final String OTHER = "it-other";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of(
                "sse.allowed-topics", "it-*",
                "sse.streams.wiki.topics", EQIAD + "," + CODFW,
                "sse.streams.broken.topics", "it-never-created"));
    }

    @BeforeAll
    static void createTopics() throws Exception {
        kafka.createTopicNamed(EQIAD, 2);
        kafka.createTopicNamed(CODFW, 1);
        kafka.createTopicNamed(OTHER, 1);
        kafka.createTopic("hidden", 1);
    }

    @Test
    void aStreamNameExpandsToAllItsTopics() throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, "/v2/stream/wiki")).awaitStart()) {
            kafka.send(EQIAD, 1, null, "{\"dc\":\"eqiad\"}");
            kafka.send(CODFW, 0, null, "{\"dc\":\"codfw\"}");

            List<SseEvent> events = client.next(2, WAIT);
            assertEquals(Set.of("eqiad", "codfw"), events.stream().map(e -> Json.object(e.data()).getString("dc")).collect(Collectors.toSet()));
            assertEquals(Set.of(new TopicPartition(CODFW, 0), new TopicPartition(EQIAD, 0), new TopicPartition(EQIAD, 1)),
                    Json.positions(events.get(1).id()).keySet());
        }
    }

    @Test
    void aStreamCanBeCombinedWithAnAllowedTopic() throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, "/v2/stream/wiki," + OTHER)).awaitStart()) {
            kafka.send(OTHER, 0, null, "{\"other\":true}");
            assertTrue(Json.object(client.next(WAIT).data()).getBoolean("other"));
        }
    }

    @Test
    void lastEventIdCannotReachATopicOutsideTheRequestedStreams() throws Exception {
        String lastEventId = "[{\"topic\":\"" + OTHER + "\",\"partition\":0,\"offset\":0}]";
        try (SseClient client = SseClient.open(Deployments.uri(base, "/v2/stream/wiki"), Map.of("Last-Event-ID", lastEventId))) {
            assertEquals(404, client.status());
            assertEquals(OTHER, Json.object(client.errorBody()).getString("topic"));
        }
    }

    @Test
    void aStreamConfiguredWithAMissingTopicIsAConfigurationError() throws Exception {
        try (SseClient client = SseClient.open(Deployments.uri(base, "/v2/stream/broken"))) {
            assertEquals(500, client.status());
            JsonObject problem = Json.object(client.errorBody());
            assertEquals("urn:kafka-sse:problem:configuration-error", problem.getString("type"));
        }
    }

    @Test
    void streamsListsTheNamedStreamsAndTheAllowedTopics() throws Exception {
        Deployments.Response response = Deployments.get(base, "/v2/streams");
        assertEquals(200, response.status());
        JsonObject body = Json.object(response.body());
        Map<String, List<String>> streams = body.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("name"),
                        s -> s.getJsonArray("topics").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
        assertEquals(Map.of("wiki", List.of(EQIAD, CODFW), "broken", List.of("it-never-created")), streams);
        List<String> topics = body.getJsonArray("topics").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertTrue(topics.containsAll(List.of(CODFW, EQIAD, OTHER)), topics.toString());
        assertTrue(topics.stream().allMatch(t -> t.startsWith("it-")), "only allowed topics are listed: " + topics);
    }
}
