package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
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

/** Ids over {@code sse.id-max-length} take the compact form, and a client resumes from it like from any other id. */
class CompactIdsIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.id-max-length", "0"));
    }

    @Test
    void compactIdsListTheNextOffsetOfEveryPartitionAndResumeExactly() throws Exception {
        String topic = kafka.createTopic("compact", 3);
        String lastId;
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 1, null, "{\"n\":0}");
            SseEvent event = client.next(WAIT);
            assertEquals("{\"" + topic + "\":[0,1,0]}", event.id());
            lastId = event.id();
        }
        for (int i = 1; i <= 3; i++) {
            kafka.send(topic, i % 3, null, "{\"n\":" + i + "}");
        }
        try (SseClient client = stream(topic, Map.of("Last-Event-ID", lastId))) {
            List<Integer> numbers = new ArrayList<>();
            client.next(3, WAIT).forEach(e -> numbers.add(Json.object(e.data()).getInt("n")));
            assertEquals(List.of(1, 2, 3), numbers.stream().sorted().toList());
            assertNothingMoreArrives(client, topic); // the record before the disconnect does not come again
        }
    }
}
