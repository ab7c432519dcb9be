package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.NdjsonClient;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * Records nobody should have to hold (issue 20): one larger than {@code sse.max-record-bytes} reaches no client; each
 * gets a {@code skipped} event in its place that says which record and why, with an id to resume after it. Headers
 * reach clients in {@code _kafka.headers}.
 */
@RunAsClient
class RecordHardeningIT extends StreamingIT {

    private static final int MAX_RECORD_BYTES = 20_000;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.max-record-bytes", Integer.toString(MAX_RECORD_BYTES)));
    }

    @Test
    void aRecordTooLargeIsASkippedEventEveryClientResumesPast() throws Exception {
        String topic = kafka.createTopic("too-large", 1);
        try (SseClient all = stream(topic).awaitStart();
             SseClient filtered = stream(topic + "?match.n=2").awaitStart()) {
            kafka.send(topic, 0, "a", "{\"n\":1}");
            kafka.send(topic, 0, "big", "{\"pad\":\"" + "x".repeat(MAX_RECORD_BYTES) + "\"}");
            kafka.send(topic, 0, "b", "{\"n\":2}");

            assertEquals(1, Json.object(all.next(WAIT).data()).getInt("n"));
            SseEvent skipped = all.next(WAIT);
            assertEquals("skipped", skipped.event());
            JsonObject notice = Json.object(skipped.data());
            assertEquals("record-too-large", notice.getString("reason"));
            assertEquals(topic, notice.getString("topic"));
            assertEquals(1, notice.getInt("offset"));
            assertEquals(MAX_RECORD_BYTES, notice.getInt("limit"));
            assertEquals(3 + 8 + MAX_RECORD_BYTES + 2, notice.getInt("size")); // key "big", value {"pad":"x...x"}
            assertEquals(2, Json.object(all.next(WAIT).data()).getInt("n"));

            SseEvent toFiltered = filtered.next(WAIT);
            assertEquals("skipped", toFiltered.event(), "a notice goes to every client, whatever its filter");
            assertEquals(skipped.id(), toFiltered.id());
            assertEquals(2, Json.object(filtered.next(WAIT).data()).getInt("n"));

            try (SseClient resumed = stream(topic, Map.of("Last-Event-ID", skipped.id())).awaitStart()) {
                SseEvent next = resumed.next(WAIT);
                assertEquals("message", next.event(), "resumed after the record it skipped");
                assertEquals(2, Json.object(next.data()).getInt("n"));
            }
        }
    }

    @Test
    void aJsonClientGetsASkippedLine() throws Exception {
        String topic = kafka.createTopic("too-large-json", 1);
        kafka.send(topic, 0, "big", "{\"pad\":\"" + "x".repeat(MAX_RECORD_BYTES) + "\"}");
        kafka.send(topic, 0, "b", "{\"n\":2}");
        try (NdjsonClient client = new NdjsonClient(Deployments.uri(base, "/v2/stream/" + topic + "?since=0"), "application/x-ndjson")) {
            var lines = client.next(2, WAIT);
            assertEquals(0, Json.object(lines.get(0)).getJsonObject("_skipped").getInt("offset"));
            assertEquals(2, Json.object(lines.get(1)).getInt("n"));
        }
    }

    @Test
    void headersArriveAsTextOrBase64() throws Exception {
        String topic = kafka.createTopic("headers", 1);
        try (SseClient client = stream(topic).awaitStart()) {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            headers.put("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));
            headers.put("raw", new byte[] {(byte) 0xc3, 0x28});
            kafka.sendWithHeaders(topic, 0, "k", "{\"n\":1}", headers);
            kafka.send(topic, 0, "k", "{\"n\":2}");

            JsonObject kafkaFields = Json.object(client.next(WAIT).data()).getJsonObject("_kafka");
            JsonArray received = kafkaFields.getJsonArray("headers");
            assertEquals(2, received.size());
            assertEquals("trace-id", received.getJsonObject(0).getString("key"));
            assertEquals("abc-123", received.getJsonObject(0).getString("value"));
            assertEquals("utf-8", received.getJsonObject(0).getString("encoding"));
            assertEquals("wyg=", received.getJsonObject(1).getString("value"));
            assertEquals("base64", received.getJsonObject(1).getString("encoding"));
            assertFalse(Json.object(client.next(WAIT).data()).getJsonObject("_kafka").containsKey("headers"));
        }
    }
}
