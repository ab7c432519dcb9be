package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.NdjsonClient;
import io.kafkasse.it.support.Sentinels;
import io.kafkasse.it.support.ServerJvm;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/** Clients that want plain JSON lines get them; clients that want only some records say so in the query. */
class JsonModeAndFiltersIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "application/x-ndjson"})
    void jsonClientsGetOneRecordPerLineWithMetadataAndTheSameStartRules(String accept) throws Exception {
        String topic = kafka.createTopic("lines", 1);
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        kafka.sendAt(topic, 0, hourAgo - 1000, "k", "{\"n\":0}");
        kafka.sendAt(topic, 0, hourAgo + 1000, "k", "{\"n\":1}");

        try (NdjsonClient client = new NdjsonClient(Deployments.uri(base, "/v2/stream/" + topic + "?since=" + hourAgo), accept)) {
            assertEquals(200, client.status());
            assertTrue(client.header("Content-Type").startsWith(accept), client.header("Content-Type"));
            JsonObject first = Json.object(client.next(1, WAIT).get(0));
            assertEquals(1, first.getInt("n"));
            assertEquals(1, first.getJsonObject("_kafka").getInt("offset"));

            kafka.send(topic, 0, "k", "{\"n\":2}");
            assertEquals(2, Json.object(client.next(1, WAIT).get(0)).getInt("n"));
            List<String> sentinels = kafka.sendSentinels(topic, "k", "");
            assertEquals(sentinels, Sentinels.markersIn(client.next(sentinels.size(), WAIT)), "nothing came before the sentinel");
        }
    }

    @Test
    void jsonStreamsWriteEmptyLinesAsHeartbeats() throws Exception {
        String topic = kafka.createTopic("beats", 1);
        try (NdjsonClient client = new NdjsonClient(Deployments.uri(base, "/v2/stream/" + topic), "application/x-ndjson")) {
            Await.until(WAIT, "a heartbeat line (every second in the tests)", () -> client.emptyLines() >= 1);
        }
    }

    @Test
    void keyFilterKeepsRecordsWhoseKeyMatchesThePattern() throws Exception {
        String topic = kafka.createTopic("keys", 2);
        try (SseClient client = stream(topic + "?key=order-1.*").awaitStart()) {
            kafka.send(topic, 0, "order-10", "{\"n\":1}");
            kafka.send(topic, 1, "order-2", "{\"n\":2}");
            kafka.send(topic, 0, null, "{\"n\":3}");
            kafka.send(topic, 1, "order-11", "{\"n\":4}");

            List<SseEvent> events = client.next(2, WAIT);
            assertEquals(List.of("order-10", "order-11"),
                    events.stream().map(e -> Json.object(e.data()).getJsonObject("_kafka").getString("key")).sorted().toList());
            assertOnlySentinelsFollow(client, "order-1-sentinel", "", topic);
        }
    }

    @Test
    void fieldFiltersKeepRecordsWhoseJsonFieldsHaveTheGivenValues() throws Exception {
        String topic = kafka.createTopic("fields", 1);
        String query = "?match.wiki=commonswiki&match.meta.domain=commons.wikimedia.org";
        try (SseClient client = stream(topic + query).awaitStart()) {
            kafka.send(topic, 0, null, "{\"wiki\":\"enwiki\",\"meta\":{\"domain\":\"en.wikipedia.org\"},\"n\":1}");
            kafka.send(topic, 0, null, "{\"wiki\":\"commonswiki\",\"meta\":{\"domain\":\"commons.wikimedia.org\"},\"n\":2}");
            kafka.send(topic, 0, null, "{\"wiki\":\"commonswiki\",\"meta\":{\"domain\":\"other\"},\"n\":3}");
            kafka.send(topic, 0, null, "[\"not an object\"]");

            SseEvent event = client.next(WAIT);
            assertEquals(2, Json.object(event.data()).getInt("n"));
            assertOnlySentinelsFollow(client, null, "\"wiki\":\"commonswiki\",\"meta\":{\"domain\":\"commons.wikimedia.org\"}", topic);
        }
    }

    @Test
    void jsonClientsHoldNoRequestThreadSoMoreThanThePoolStreamWhileOtherRequestsAreAnswered() throws Exception {
        // More JSON streams than Payara has HTTP request threads (200): none may hold one while it streams. Liberty's
        // pool is sized for thousands of clients (and grows with a burst of requests, held or not), so what the test
        // asserts on every server is the server's threads inside the stream endpoint once every stream is open: one
        // per stream if they held a thread; a few at most otherwise (the other test classes' requests meanwhile).
        int clients = 260;
        String topic = kafka.createTopic("many-json", 1);
        List<NdjsonClient> streams = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                NdjsonClient client = new NdjsonClient(Deployments.uri(base, "/v2/stream/" + topic), "application/x-ndjson");
                assertEquals(200, client.status());
                streams.add(client);
            }
            Deployments.Response list = Deployments.get(base, "/v2/streams");
            assertEquals(200, list.status(), "another request is still answered: " + list.body());
            Await.until(WAIT, "every JSON stream open", () -> openStreams() >= clients);
            try (ServerJvm server = ServerJvm.attachToSuiteServer()) {
                long inEndpoint = server.threadsIn("io.kafkasse.api.");
                assertTrue(inEndpoint < clients / 2, "server threads inside the endpoint with " + clients + " JSON streams open: " + inEndpoint);
            }
            kafka.send(topic, 0, "k", "{\"n\":7}");
            for (NdjsonClient client : streams) {
                assertEquals(7, Json.object(client.next(1, WAIT).get(0)).getInt("n"));
            }
        } finally {
            streams.forEach(NdjsonClient::close);
        }
    }
}
