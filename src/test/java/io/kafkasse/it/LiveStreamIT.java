package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.producer.RecordMetadata;
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

/** A client tailing topics receives every new record once, in partition order, with an id it can resume from. */
class LiveStreamIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void streamAnswersWithEventStreamHeadersAndACommentBeforeAnyRecord() throws Exception {
        String topic = kafka.createTopic("quiet", 1);
        try (SseClient client = stream(topic)) {
            assertEquals(200, client.status());
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
            assertEquals("no-cache", client.header("Cache-Control"));
            assertEquals("no", client.header("X-Accel-Buffering"));
            Await.until(WAIT, "a first comment", () -> client.comments() >= 1);
            assertNull(client.poll(Duration.ofMillis(200)), "no event on an empty topic");
        }
    }

    @Test
    void deliversNewRecordsOfTwoTopicsInPartitionOrderWithResumableIdsAndKafkaMetadata() throws Exception {
        String orders = kafka.createTopic("orders", 3);
        String changes = kafka.createTopic("changes", 2);
        // History before the client connects is not part of a live tail.
        kafka.send(orders, 0, "old-1", "{\"price\":1}");
        kafka.send(orders, 0, "old-2", "{\"price\":2}");

        try (SseClient client = stream(orders + "," + changes)) {
            Await.until(WAIT, "the stream to start", () -> client.comments() >= 1);

            List<RecordMetadata> sent = new ArrayList<>();
            Map<RecordMetadata, String> keys = new HashMap<>();
            String[][] records = {
                    {orders, "0", "o-1", "{\"price\":12.5,\"item\":\"book\"}"},
                    {changes, "1", "c-1", "{\"title\":\"Main Page\",\"nested\":{\"a\":[1,2]}}"},
                    {orders, "2", null, "{\"price\":7}"},
                    {orders, "0", "o-2", "{\"price\":13}"},
                    {changes, "0", "c-2", "{\"title\":\"Talk\"}"},
                    {changes, "1", "c-3", "{\"title\":\"User\"}"},
            };
            for (String[] r : records) {
                RecordMetadata metadata = kafka.send(r[0], Integer.parseInt(r[1]), r[2], r[3]);
                sent.add(metadata);
                keys.put(metadata, r[2]);
            }

            List<SseEvent> events = client.next(records.length, WAIT);

            Map<TopicPartition, Long> expected = new LinkedHashMap<>();
            expected.put(new TopicPartition(changes, 0), 0L);
            expected.put(new TopicPartition(changes, 1), 0L);
            expected.put(new TopicPartition(orders, 0), 2L);
            expected.put(new TopicPartition(orders, 1), 0L);
            expected.put(new TopicPartition(orders, 2), 0L);
            Map<TopicPartition, List<Long>> offsetsSeen = new HashMap<>();
            for (SseEvent event : events) {
                assertEquals("message", event.event());
                JsonObject data = Json.object(event.data());
                JsonObject meta = data.getJsonObject("_kafka");
                TopicPartition partition = new TopicPartition(meta.getString("topic"), meta.getInt("partition"));
                long offset = meta.getJsonNumber("offset").longValue();
                RecordMetadata record = sent.stream()
                        .filter(m -> m.topic().equals(partition.topic()) && m.partition() == partition.partition() && m.offset() == offset)
                        .findFirst().orElseThrow(() -> new AssertionError("unexpected record " + event.data()));
                assertEquals(record.timestamp(), meta.getJsonNumber("timestamp").longValue());
                String key = keys.get(record);
                if (key == null) {
                    assertEquals(JsonValue.ValueType.NULL, meta.get("key").getValueType());
                } else {
                    assertEquals(key, meta.getString("key"));
                }
                offsetsSeen.computeIfAbsent(partition, p -> new ArrayList<>()).add(offset);

                expected.put(partition, offset + 1);
                assertEquals(List.copyOf(expected.entrySet()), List.copyOf(Json.positions(event.id()).entrySet()),
                        "id of " + event.data());
            }
            assertEquals(List.of(2L, 3L), offsetsSeen.get(new TopicPartition(orders, 0)), "orders-0 in order, history not replayed");
            assertEquals(List.of(0L, 1L), offsetsSeen.get(new TopicPartition(changes, 1)), "changes-1 in order");
            assertEquals(12.5, Json.object(events.stream().filter(e -> e.data().contains("book")).findFirst().orElseThrow().data())
                    .getJsonNumber("price").doubleValue());
            assertNull(client.poll(Duration.ofMillis(300)), "nothing beyond what was produced");
        }
    }

    @Test
    void skipsRecordsThatAreNotJsonAndGoesOn() throws Exception {
        String topic = kafka.createTopic("mixed", 1);
        try (SseClient client = stream(topic)) {
            Await.until(WAIT, "the stream to start", () -> client.comments() >= 1);
            kafka.send(topic, 0, "k", "this is not json");
            kafka.send(topic, 0, "k", "{\"broken\":");
            kafka.send(topic, 0, "k", null);
            kafka.send(topic, 0, "k", "{\"ok\":true}");

            SseEvent event = client.next(WAIT);
            JsonObject data = Json.object(event.data());
            assertTrue(data.getBoolean("ok"));
            assertEquals(3, data.getJsonObject("_kafka").getInt("offset"));
            assertEquals(Map.of(new TopicPartition(topic, 0), 4L), Json.positions(event.id()));
            assertNull(client.poll(Duration.ofMillis(300)), "the skipped records never arrive");
        }
    }

    @Test
    void sendsJsonValuesThatAreNotObjectsUnchanged() throws Exception {
        String topic = kafka.createTopic("scalars", 1);
        try (SseClient client = stream(topic)) {
            Await.until(WAIT, "the stream to start", () -> client.comments() >= 1);
            kafka.send(topic, 0, null, "[1, 2,\n 3]");
            kafka.send(topic, 0, null, "\"text\"");

            List<SseEvent> events = client.next(2, WAIT);
            assertEquals("[1,2,3]", events.get(0).data());
            assertEquals("\"text\"", events.get(1).data());
        }
    }
}
