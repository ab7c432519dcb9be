package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * With {@code sse.use-timestamp-for-id=true} ids carry record timestamps (for clients that move between clusters),
 * and with {@code sse.value-format=string} values that are not JSON are sent as strings.
 */
class TimestampIdsAndStringValuesIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.use-timestamp-for-id", "true", "sse.value-format", "string"));
    }

    @Test
    void idsCarryTheTimestampOfTheLastRecordOfEachPartition() throws Exception {
        String topic = kafka.createTopic("stamped", 2);
        try (SseClient client = stream(topic).awaitStart()) {
            RecordMetadata sent = kafka.sendAt(topic, 1, 1_700_000_000_123L, null, "hello");
            JsonArray id = array(client.next(WAIT).id());
            JsonObject partition1 = id.getValuesAs(JsonObject.class).stream().filter(e -> e.getInt("partition") == 1).findFirst().orElseThrow();
            assertEquals(sent.timestamp(), partition1.getJsonNumber("timestamp").longValue());
            assertTrue(id.getValuesAs(JsonObject.class).stream().noneMatch(e -> e.containsKey("offset")), id.toString());
        }
    }

    @Test
    void resumingWithATimestampIdDeliversExactlyTheRecordsAfterItEvenWithinOneMillisecond() throws Exception {
        String topic = kafka.createTopic("same-ms", 1);
        long ms = System.currentTimeMillis() - 60_000;
        String lastId;
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.sendAt(topic, 0, ms, null, "a");
            kafka.sendAt(topic, 0, ms, null, "b");
            kafka.sendAt(topic, 0, ms, null, "c");
            List<SseEvent> two = client.next(2, WAIT);
            lastId = two.get(1).id();
        }
        JsonObject entry = array(lastId).getJsonObject(0);
        assertEquals(ms, entry.getJsonNumber("timestamp").longValue());
        assertEquals(2, entry.getInt("seen"), "two records of that millisecond delivered: " + lastId);
        kafka.sendAt(topic, 0, ms + 1, null, "d");
        try (SseClient client = stream(topic, Map.of("Last-Event-ID", lastId))) {
            List<String> values = client.next(2, WAIT).stream().map(e -> Json.object(e.data()).getString("value")).toList();
            assertEquals(List.of("c", "d"), values, "after b, which shares a's and c's millisecond: nothing lost, none again");
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void aPlainTimestampPositionFromAnotherClientStartsAtTheFirstRecordOfItsMillisecond() throws Exception {
        String topic = kafka.createTopic("plain-ms", 1);
        long ms = System.currentTimeMillis() - 60_000;
        kafka.sendAt(topic, 0, ms - 1, null, "before");
        kafka.sendAt(topic, 0, ms, null, "a");
        kafka.sendAt(topic, 0, ms, null, "b");
        String plain = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"timestamp\":" + ms + "}]";
        try (SseClient client = stream(topic, Map.of("Last-Event-ID", plain))) {
            List<String> values = client.next(2, WAIT).stream().map(e -> Json.object(e.data()).getString("value")).toList();
            assertEquals(List.of("a", "b"), values);
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void valuesAreSentAsStringsAndTombstonesAsNull() throws Exception {
        String topic = kafka.createTopic("strings", 1);
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "k", "plain text, not JSON");
            kafka.send(topic, 0, "k", null);
            List<SseEvent> events = client.next(2, WAIT);
            JsonObject text = Json.object(events.get(0).data());
            assertEquals("plain text, not JSON", text.getString("value"));
            assertEquals("k", text.getJsonObject("_kafka").getString("key"));
            JsonObject tombstone = Json.object(events.get(1).data());
            assertEquals(JsonValue.ValueType.NULL, tombstone.get("value").getValueType());
            assertEquals(1, tombstone.getJsonObject("_kafka").getInt("offset"));
        }
    }

    private static JsonArray array(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }
}
