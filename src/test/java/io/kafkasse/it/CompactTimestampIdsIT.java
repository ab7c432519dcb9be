package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * Timestamp ids in the compact form (every id here, {@code sse.id-max-length=0}): one {@code [timestamp]} or
 * {@code [timestamp,seen]} per partition, and a reconnect with one resumes exactly.
 */
class CompactTimestampIdsIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.use-timestamp-for-id", "true", "sse.id-max-length", "0"));
    }

    @Test
    void compactTimestampIdsCountTheRecordsOfTheirMillisecondAndResumeExactly() throws Exception {
        String topic = kafka.createTopic("compact-ms", 3);
        long ms = System.currentTimeMillis() - 60_000;
        String lastId;
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.sendAt(topic, 1, ms, null, "{\"n\":0}");
            kafka.sendAt(topic, 1, ms, null, "{\"n\":1}");
            List<SseEvent> two = client.next(2, WAIT);
            lastId = two.get(1).id();
        }
        assertTrue(lastId.startsWith("{\"" + topic + "\":[[") && lastId.contains(",[" + ms + ",2],"), lastId);

        kafka.sendAt(topic, 1, ms, null, "{\"n\":2}");
        kafka.send(topic, 0, null, "{\"n\":3}");
        kafka.send(topic, 2, null, "{\"n\":4}");
        try (SseClient client = stream(topic, Map.of("Last-Event-ID", lastId))) {
            List<Integer> numbers = client.next(3, WAIT).stream().map(e -> Json.object(e.data()).getInt("n")).toList();
            assertEquals(List.of(2, 3, 4), numbers.stream().sorted().toList(), "the third record of that millisecond, and the later ones");
            assertNothingMoreArrives(client, topic);
        }
    }
}
