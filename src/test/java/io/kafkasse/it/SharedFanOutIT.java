package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import jakarta.json.JsonObject;

import org.apache.kafka.common.TopicPartition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * The delivery core's promises: one feed consumer for every topic however many clients and topics are read, history
 * older than the window read by a bounded number of history consumers and then joined to the live window with nothing
 * lost or repeated, and a client too slow for the window cut off with an error event that it can resume from. The
 * window holds only {@value #WINDOW} records a partition here, so that history is cheap.
 */
class SharedFanOutIT extends StreamingIT {

    private static final int WINDOW = 10;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of(
                "sse.shared.window-records", Integer.toString(WINDOW),
                "sse.shared.catch-up-consumers", "2",
                // Long enough that the slow client below is cut off by the window, not by the write timeout.
                "sse.write-timeout", "2m"));
    }

    @Test
    void clientsOfEveryTopicShareOneFeedConsumer() throws Exception {
        String first = kafka.createTopic("shared-a", 2);
        String second = kafka.createTopic("shared-b", 1);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                clients.add(stream(i % 2 == 0 ? first : first + "," + second).awaitStart());
            }
            // Clients of earlier tests are noticed gone at their next heartbeat (every second here).
            Await.until(WAIT, "six open streams and one consumer for both topics",
                    () -> openStreams() == 6 && liveConsumers() == 1);
            JsonObject stats = Json.object(Deployments.get(base, "/v2/stats").body());
            assertEquals(1, stats.getJsonObject("consumers").getInt("feed"), stats.toString());
            assertEquals(6, stats.getJsonObject("topics").getJsonObject(first).getInt("clients"), stats.toString());
            assertEquals(3, stats.getJsonObject("topics").getJsonObject(second).getInt("clients"), stats.toString());

            kafka.send(first, 1, "k", "{\"n\":1}");
            kafka.send(second, 0, "k", "{\"n\":2}");
            for (int i = 0; i < clients.size(); i++) {
                SseEvent event = clients.get(i).next(WAIT);
                assertEquals(first, Json.object(event.data()).getJsonObject("_kafka").getString("topic"));
                if (i % 2 == 1) {
                    assertEquals(second, Json.object(clients.get(i).next(WAIT).data()).getJsonObject("_kafka").getString("topic"));
                }
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        Await.until(WAIT, "the feed to drop the topics with their last clients", () -> liveConsumers() == 0);
    }

    @Test
    void manyTopicsAreReadByOneFeedConsumerAndEveryRecordArrives() throws Exception {
        int topics = 30;
        List<String> names = new ArrayList<>();
        List<SseClient> clients = new ArrayList<>();
        try {
            names.addAll(kafka.createTopics("many", topics, 1));
            for (String topic : names) {
                clients.add(stream(topic));
                clients.add(stream(topic));
            }
            for (SseClient client : clients) {
                client.awaitStart();
            }
            Await.until(WAIT, "every stream open on one consumer",
                    () -> openStreams() == 2 * topics && liveConsumers() == 1);
            for (int t = 0; t < topics; t++) {
                kafka.sendAsync(names.get(t), 0, "k", "{\"t\":" + t + "}");
            }
            kafka.flush();
            for (int c = 0; c < clients.size(); c++) {
                JsonObject record = Json.object(clients.get(c).next(WAIT).data());
                assertEquals(c / 2, record.getInt("t"));
                assertEquals(names.get(c / 2), record.getJsonObject("_kafka").getString("topic"));
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        Await.until(WAIT, "the feed to drop every topic", () -> liveConsumers() == 0 && openStreams() == 0);
    }

    @Test
    void clientsResumingBeforeTheWindowCatchUpThenFollowTheLiveStreamWithNothingLostOrRepeated() throws Exception {
        String topic = kafka.createTopic("catch-up", 2);
        for (int i = 0; i < 40; i++) {
            kafka.sendAsync(topic, i % 2, "k", "{\"n\":" + i + "}");
        }
        kafka.flush();
        // The first client opens the topic: its windows are pre-filled with the last records, but a live client
        // receives only what comes after it connected.
        try (SseClient live = stream(topic).awaitStart()) {
            String fromTheStart = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0},"
                    + "{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":0}]";
            // Older than the windows, and more clients than history consumers: the others wait their turn.
            List<SseClient> resumed = new ArrayList<>();
            try {
                for (int c = 0; c < 5; c++) {
                    resumed.add(stream(topic, Map.of("Last-Event-ID", fromTheStart)).awaitStart());
                }
                List<List<SseEvent>> received = new ArrayList<>();
                for (SseClient client : resumed) {
                    received.add(new ArrayList<>(client.next(40, WAIT)));
                }
                Await.until(WAIT, "every history consumer to be closed", () -> liveConsumers() == 1);
                for (int i = 40; i < 44; i++) {
                    kafka.send(topic, i % 2, "k", "{\"n\":" + i + "}");
                }
                for (int c = 0; c < resumed.size(); c++) {
                    received.get(c).addAll(resumed.get(c).next(4, WAIT));
                    assertEveryOffsetOnce(topic, received.get(c), 22);
                    assertEquals(Map.of(new TopicPartition(topic, 0), 22L, new TopicPartition(topic, 1), 22L),
                            Json.positions(received.get(c).get(43).id()));
                }
                List<Integer> liveNumbers = new ArrayList<>();
                for (SseEvent event : live.next(4, WAIT)) {
                    liveNumbers.add(Json.object(event.data()).getInt("n"));
                }
                assertEquals(List.of(40, 41, 42, 43), liveNumbers.stream().sorted().toList(), "the live client: only what came after it");
            } finally {
                resumed.forEach(SseClient::close);
            }
        }
    }

    @Test
    void aClientResumingInsideThePrefilledWindowIsServedWithoutAHistoryConsumer() throws Exception {
        String topic = kafka.createTopic("prefilled", 1);
        for (int i = 0; i < 30; i++) {
            kafka.sendAsync(topic, 0, "k", "{\"n\":" + i + "}");
        }
        kafka.flush();
        // As after a restart: nobody reads the topic, then a client comes back a few records behind the end.
        String nearTheEnd = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":25}]";
        int historyReadsBefore = Json.object(Deployments.get(base, "/v2/stats").body()).getInt("historyReads");
        try (SseClient back = stream(topic, Map.of("Last-Event-ID", nearTheEnd)).awaitStart()) {
            List<SseEvent> events = back.next(5, WAIT);
            assertEquals(25, Json.object(events.get(0).data()).getInt("n"));
            assertEquals(29, Json.object(events.get(4).data()).getInt("n"));
            JsonObject stats = Json.object(Deployments.get(base, "/v2/stats").body());
            assertEquals(0, stats.getJsonObject("consumers").getInt("history"), stats.toString());
            assertEquals(historyReadsBefore, stats.getInt("historyReads"), "no history consumer was opened for it: " + stats);
            kafka.send(topic, 0, "k", "{\"n\":30}");
            assertEquals(30, Json.object(back.next(WAIT).data()).getInt("n"), "then the live records, nothing in between");
        }
    }

    @Test
    void aClientTooSlowForTheWindowGetsAnErrorEventItCanResumeFrom() throws Exception {
        String topic = kafka.createTopic("slow", 1);
        int records = 600;
        String padding = "x".repeat(100_000);
        List<SseEvent> received = new ArrayList<>();
        String resumeFrom;
        try (SseClient slow = stream(topic).awaitStart()) {
            slow.pause();
            // 60 MB: more than the server's socket buffer (4 MB), what the container queues for a blocking writer and the
            // client's receive window (256 KB, HttpStream) take, so the paused client falls out of the window (30 MB
            // was not always enough with the sink writer on Payara Micro: CI run 34 delivered all of it). Without a bounded receive window Linux let the
            // client's kernel buffer take it all, and no error was ever due.
            for (int i = 0; i < records; i++) {
                kafka.send(topic, 0, "k", "{\"n\":" + i + ",\"pad\":\"" + padding + "\"}");
            }
            slow.resume();
            SseEvent event = slow.next(WAIT);
            while (event.event().equals("message")) {
                received.add(event);
                assertTrue(received.size() < records, "every record was delivered: the paused client never fell behind");
                event = slow.next(WAIT);
            }
            assertEquals("error", event.event());
            JsonObject problem = Json.object(event.data());
            assertEquals("urn:kafka-sse:problem:client-too-slow", problem.getString("type"), problem.toString());
            assertTrue(received.size() < records, "cut off before the end: " + received.size());
            resumeFrom = event.id();
            assertNotNull(resumeFrom);
            assertEquals(Map.of(new TopicPartition(topic, 0), (long) received.size()), Json.positions(resumeFrom));
        }
        try (SseClient again = stream(topic, Map.of("Last-Event-ID", resumeFrom)).awaitStart()) {
            received.addAll(again.next(records - received.size(), WAIT));
        }
        assertEveryOffsetOnce(topic, received, records);
    }

    @Test
    void aTopicDeletedUnderItsClientsEndsTheirStreamsWithAnErrorAtTheirLastId() throws Exception {
        String topic = kafka.createTopic("deleted", 2);
        try (SseClient first = stream(topic).awaitStart(); SseClient second = stream(topic).awaitStart()) {
            kafka.send(topic, 1, "k", "{\"n\":1}");
            String lastId = first.next(WAIT).id();
            assertEquals(lastId, second.next(WAIT).id());

            kafka.deleteTopic(topic);

            for (SseClient client : List.of(first, second)) {
                SseEvent event = client.next(WAIT);
                assertEquals("error", event.event());
                JsonObject problem = Json.object(event.data());
                assertEquals("urn:kafka-sse:problem:topic-deleted", problem.getString("type"), problem.toString());
                assertEquals(topic, problem.getString("topic"));
                assertEquals(lastId, event.id(), "the id of the last event delivered");
                Await.until(WAIT, "the stream to end", client::ended);
            }
        }
        Await.until(WAIT, "the feed to drop the deleted topic", () -> liveConsumers() == 0 && openStreams() == 0);
    }

    @Test
    void aTopicThatGainsPartitionsEndsItsStreamsAndTheResumeReadsTheNewOnesFromTheirFirstRecord() throws Exception {
        String topic = kafka.createTopic("grown", 1);
        String errorId;
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "k", "{\"n\":0}");
            String lastId = client.next(WAIT).id();

            kafka.addPartitions(topic, 2);

            SseEvent event = client.next(WAIT);
            assertEquals("error", event.event());
            JsonObject problem = Json.object(event.data());
            assertEquals("urn:kafka-sse:problem:topic-changed", problem.getString("type"), problem.toString());
            assertEquals(Json.positions(lastId).get(new TopicPartition(topic, 0)), Json.positions(event.id()).get(new TopicPartition(topic, 0)),
                    "where the client stands in the partition it read");
            assertEquals(0L, Json.positions(event.id()).get(new TopicPartition(topic, 1)), "the new partition from its start: " + event.id());
            errorId = event.id();
            Await.until(WAIT, "the stream to end", client::ended);
        }
        // Records in the new partition before the client is back: its id does not name that partition.
        kafka.send(topic, 1, "k", "{\"n\":1}");
        kafka.send(topic, 1, "k", "{\"n\":2}");
        try (SseClient client = stream(topic, Map.of("Last-Event-ID", errorId)).awaitStart()) {
            List<SseEvent> before = client.next(2, WAIT);
            assertEquals(List.of(1, 2), before.stream().map(e -> Json.object(e.data()).getInt("n")).toList());
            kafka.send(topic, 1, "k", "{\"n\":3}");
            kafka.send(topic, 0, "k", "{\"n\":4}");
            List<SseEvent> afterEvents = client.next(2, WAIT);
            List<Integer> after = afterEvents.stream().map(e -> Json.object(e.data()).getInt("n")).sorted().toList();
            assertEquals(List.of(3, 4), after);
            String id = afterEvents.get(1).id();
            assertEquals(Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 3L), Json.positions(id),
                    "the id names both partitions");
            assertNothingMoreArrives(client, topic);
        }
    }

    /** Every partition's offsets 0 .. perPartition-1 arrived once each, in order. */
    private static void assertEveryOffsetOnce(String topic, List<SseEvent> events, long perPartition) {
        Map<Integer, List<Long>> offsets = new java.util.TreeMap<>();
        for (SseEvent event : events) {
            JsonObject kafkaFields = Json.object(event.data()).getJsonObject("_kafka");
            assertEquals(topic, kafkaFields.getString("topic"));
            offsets.computeIfAbsent(kafkaFields.getInt("partition"), p -> new ArrayList<>())
                    .add(kafkaFields.getJsonNumber("offset").longValue());
        }
        List<Long> expected = LongStream.range(0, perPartition).boxed().toList();
        offsets.forEach((partition, received) -> assertEquals(expected, received, "offsets of partition " + partition));
    }
}
