package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.apache.kafka.common.TopicPartition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/** A client starts from history, by offsets, timestamps or {@code since}, and resumes after a disconnect losing nothing. */
class ResumeIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ParameterizedTest(name = "{0} record(s) from one topic")
    @ValueSource(ints = {1, 2, 3})
    void consumesTheLastRecordsOfOneTopicFromAnOffset(int count) throws Exception {
        String topic = kafka.createTopic("history", 1);
        for (int i = 0; i < 3; i++) {
            kafka.send(topic, 0, "k" + i, "{\"n\":" + i + "}");
        }
        String lastEventId = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":" + (3 - count) + "}]";

        try (SseClient client = open(topic, Map.of("Last-Event-ID", lastEventId))) {
            List<SseEvent> events = client.next(count, WAIT);
            for (int i = 0; i < count; i++) {
                assertEquals(3 - count + i, Json.object(events.get(i).data()).getInt("n"));
            }
            assertEquals(Map.of(new TopicPartition(topic, 0), 3L), Json.positions(events.get(count - 1).id()));
            assertNothingMoreArrives(client, topic);
        }
    }

    @ParameterizedTest(name = "{0} record(s) from each of two topics")
    @ValueSource(ints = {1, 2, 3})
    void consumesRecordsOfTwoTopicsFromOffsetZero(int count) throws Exception {
        String first = kafka.createTopic("first", 1);
        String second = kafka.createTopic("second", 1);
        for (int i = 0; i < count; i++) {
            kafka.send(first, 0, null, "{\"topic\":1,\"n\":" + i + "}");
            kafka.send(second, 0, null, "{\"topic\":2,\"n\":" + i + "}");
        }
        String lastEventId = "[{\"topic\":\"" + first + "\",\"partition\":0,\"offset\":0},"
                + "{\"topic\":\"" + second + "\",\"partition\":0,\"offset\":0}]";

        try (SseClient client = open(first + "," + second, Map.of("Last-Event-ID", lastEventId))) {
            List<SseEvent> events = client.next(2 * count, WAIT);
            assertEquals(count, events.stream().filter(e -> Json.object(e.data()).getInt("topic") == 1).count());
            assertEquals(count, events.stream().filter(e -> Json.object(e.data()).getInt("topic") == 2).count());
            assertNothingMoreArrives(client, first, second);
        }
    }

    @ParameterizedTest(name = "{0} record(s) by timestamp")
    @ValueSource(ints = {1, 2, 3})
    void consumesRecordsFromATimestampTenMinutesAgo(int count) throws Exception {
        String topic = kafka.createTopic("timed", 2);
        long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        for (int i = 0; i < 3; i++) {
            kafka.sendAt(topic, 0, tenMinutesAgo + i * 1000L, null, "{\"n\":" + i + "}");
        }
        long from = tenMinutesAgo + (3 - count) * 1000L;
        String lastEventId = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"timestamp\":" + from + "}]";

        try (SseClient client = open(topic, Map.of("Last-Event-ID", lastEventId))) {
            List<SseEvent> events = client.next(count, WAIT);
            assertEquals(3 - count, Json.object(events.get(0).data()).getInt("n"));
            assertNothingMoreArrives(client, topic); // partition 1 was not named, so it starts at its end
        }
    }

    @Test
    void aTimestampAfterTheLastRecordStartsAtTheEnd() throws Exception {
        String topic = kafka.createTopic("future", 1);
        kafka.send(topic, 0, null, "{\"old\":true}");
        long future = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        try (SseClient client = open(topic, Map.of("Last-Event-ID",
                "[{\"topic\":\"" + topic + "\",\"partition\":0,\"timestamp\":" + future + "}]")).awaitStart()) {
            kafka.send(topic, 0, null, "{\"live\":true}");
            SseEvent event = client.next(WAIT);
            assertTrue(Json.object(event.data()).getBoolean("live"), "the old record is not replayed: " + event.data());
            assertEquals(Map.of(new TopicPartition(topic, 0), 2L), Json.positions(event.id()));
        }
    }

    @Test
    void offsetWinsOverTimestampInTheSameEntry() throws Exception {
        String topic = kafka.createTopic("both", 1);
        long now = System.currentTimeMillis();
        kafka.sendAt(topic, 0, now - 5000, null, "{\"n\":0}");
        kafka.sendAt(topic, 0, now - 4000, null, "{\"n\":1}");
        String lastEventId = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1,\"timestamp\":" + (now - 5000) + "}]";
        try (SseClient client = open(topic, Map.of("Last-Event-ID", lastEventId))) {
            assertEquals(1, Json.object(client.next(WAIT).data()).getInt("n"));
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void lastEventIdQueryParameterWorksForClientsThatCannotSetHeadersAndTheHeaderWins() throws Exception {
        String topic = kafka.createTopic("param", 1);
        for (int i = 0; i < 3; i++) {
            kafka.send(topic, 0, null, "{\"n\":" + i + "}");
        }
        String fromOne = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]";
        String fromTwo = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]";

        try (SseClient client = stream(topic + "?last_event_id=" + encode(fromOne))) {
            assertEquals(List.of(1, 2), numbers(client.next(2, WAIT)));
        }
        try (SseClient client = stream(topic + "?last_event_id=" + encode(fromOne),
                Map.of("Last-Event-ID", fromTwo))) {
            assertEquals(List.of(2), numbers(client.next(1, WAIT)));
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void reconnectingWithTheLastIdDeliversEverythingProducedMeanwhileExactlyOnceOnEveryPartition() throws Exception {
        String topic = kafka.createTopic("reconnect", 3);
        String lastId;
        try (SseClient client = open(topic, Map.of()).awaitStart()) {
            kafka.send(topic, 0, null, "{\"before\":0}");
            kafka.send(topic, 0, null, "{\"before\":1}");
            List<SseEvent> before = client.next(2, WAIT);
            lastId = before.get(1).id();
        }
        // Partitions 1 and 2 delivered nothing before the disconnect: their records must still arrive.
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            kafka.send(topic, i % 3, null, "{\"away\":" + i + "}");
            expected.add(topic + "-" + (i % 3) + ":" + i);
        }
        try (SseClient client = open(topic, Map.of("Last-Event-ID", lastId))) {
            Set<String> received = new HashSet<>();
            for (SseEvent event : client.next(9, WAIT)) {
                JsonObject data = Json.object(event.data());
                assertTrue(data.containsKey("away"), "a record from before the disconnect came again: " + event.data());
                assertTrue(received.add(topic + "-" + data.getJsonObject("_kafka").getInt("partition") + ":" + data.getInt("away")),
                        "delivered twice: " + event.data());
            }
            assertEquals(expected, received);
            assertNothingMoreArrives(client, topic); // nothing more than what was produced while away
        }
    }

    @Test
    void partitionsNotNamedInLastEventIdStartAtTheirEnd() throws Exception {
        String topic = kafka.createTopic("subset", 2);
        kafka.send(topic, 0, null, "{\"p\":0,\"old\":true}");
        kafka.send(topic, 1, null, "{\"p\":1,\"old\":true}");
        try (SseClient client = open(topic, Map.of("Last-Event-ID", "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]"))) {
            SseEvent event = client.next(WAIT);
            assertEquals(0, Json.object(event.data()).getInt("p"));
            assertEquals(Map.of(new TopicPartition(topic, 0), 1L, new TopicPartition(topic, 1), 1L), Json.positions(event.id()));
            assertNothingMoreArrives(client, topic); // partition 1 starts at its end
        }
    }

    @Test
    void anOffsetBeyondTheEndStartsAtTheEndAndSaysSo() throws Exception {
        String topic = kafka.createTopic("beyond", 1);
        kafka.send(topic, 0, null, "{\"n\":0}");
        try (SseClient client = open(topic, Map.of("Last-Event-ID", "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1000}]"))
                .awaitStart()) {
            kafka.send(topic, 0, null, "{\"n\":1}");
            SseEvent event = client.next(WAIT);
            assertEquals(1, Json.object(event.data()).getInt("n"));
            assertEquals(Map.of(new TopicPartition(topic, 0), 2L), Json.positions(event.id()));
            assertTrue(client.commentTexts().stream().anyMatch(c -> c.contains("past the end")), client.commentTexts().toString());
        }
    }

    @Test
    void anOffsetDeletedByRetentionStartsAtTheEarliestRecordAndSaysSo() throws Exception {
        String topic = kafka.createTopic("retention", 1);
        for (int i = 0; i < 4; i++) {
            kafka.send(topic, 0, null, "{\"n\":" + i + "}");
        }
        kafka.deleteRecordsBefore(topic, 0, 2);
        try (SseClient client = open(topic, Map.of("Last-Event-ID", "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]"))) {
            assertEquals(List.of(2, 3), numbers(client.next(2, WAIT)));
            assertTrue(client.commentTexts().stream().anyMatch(c -> c.contains("no longer in the log")), client.commentTexts().toString());
        }
    }

    @Test
    void sinceTakesEpochMillisecondsOrAnIsoDateTime() throws Exception {
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        for (String since : List.of(Long.toString(hourAgo), encode(Instant.ofEpochMilli(hourAgo).toString()))) {
            // A topic per form: the sentinels sent after the first would be history for the second.
            String topic = kafka.createTopic("since", 2);
            kafka.sendAt(topic, 0, hourAgo - 60_000, null, "{\"n\":0}");
            kafka.sendAt(topic, 1, hourAgo + 1_000, null, "{\"n\":1}");
            kafka.sendAt(topic, 0, hourAgo + 2_000, null, "{\"n\":2}");
            try (SseClient client = stream(topic + "?since=" + since)) {
                List<Integer> numbers = numbers(client.next(2, WAIT));
                assertEquals(Set.of(1, 2), Set.copyOf(numbers), "since=" + since);
                assertNothingMoreArrives(client, topic);
            }
        }
    }

    @Test
    void sinceIsIgnoredWhenLastEventIdIsGiven() throws Exception {
        String topic = kafka.createTopic("precedence", 1);
        kafka.send(topic, 0, null, "{\"n\":0}");
        kafka.send(topic, 0, null, "{\"n\":1}");
        try (SseClient client = stream(topic + "?since=0",
                Map.of("Last-Event-ID", "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]"))) {
            assertEquals(List.of(1), numbers(client.next(1, WAIT)));
            assertNothingMoreArrives(client, topic);
        }
    }

    @Test
    void everyStreamTellsItsClientWhenToReconnectWithItsFirstEvent() throws Exception {
        String topic = kafka.createTopic("retry", 1);
        try (SseClient client = open(topic, Map.of()).awaitStart()) {
            kafka.send(topic, 0, null, "{\"n\":0}");
            client.next(WAIT);
            assertTrue(client.retry() != null && client.retry() >= 3000 && client.retry() <= 5000, "retry: " + client.retry());
        }
    }

    private SseClient open(String streams, Map<String, String> headers) throws Exception {
        SseClient client = stream(streams, headers);
        assertEquals(200, client.status(), client.errorBody());
        return client;
    }

    private static List<Integer> numbers(List<SseEvent> events) {
        List<Integer> numbers = new ArrayList<>();
        events.forEach(e -> numbers.add(Json.object(e.data()).getInt("n")));
        return numbers;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
