package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SecureKafka;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;
import io.kafkasse.it.support.TestKafka;

/**
 * The service reads a broker that wants TLS, SCRAM-SHA-512 or both, by configuration alone (the {@code kafka.*} keys an
 * operator sets; each subclass's WAR names one listener of the suite's secure broker, {@link SecureKafka}), and no
 * secret of that configuration (the SCRAM password, the trust store's password) shows in any answer or in the
 * server's log.
 */
abstract class KafkaOverSecureListenerIT extends StreamingIT {

    private static TestKafka secure;

    @BeforeAll
    static void connectToTheSecureBroker() {
        secure = new TestKafka(SecureKafka.plaintextBootstrap());
    }

    @AfterAll
    static void noConsumerGroupOnTheSecureBroker() throws Exception {
        try {
            assertEquals(List.of(), List.copyOf(secure.groups()), "consumer groups on the secure broker");
        } finally {
            secure.close();
        }
    }

    @Test
    void streamsTheTopicFromTheSecureListener() throws Exception {
        String topic = secure.createTopic("secure", 2);
        for (int n = 0; n < 4; n++) {
            secure.send(topic, n % 2, "k" + n, "{\"n\":" + n + "}");
        }

        List<SseEvent> events = new ArrayList<>();
        try (SseClient client = stream(topic + "?since=0").awaitStart()) {
            events.addAll(client.next(4, WAIT));
        }
        List<Integer> numbers = new ArrayList<>();
        for (SseEvent event : events) {
            assertEquals("message", event.event());
            JsonObject value = Json.object(event.data());
            numbers.add(value.getInt("n"));
            Map<TopicPartition, Long> position = Json.positions(event.id());
            assertTrue(position.containsKey(new TopicPartition(topic, value.getInt("n") % 2)), event.id());
        }
        assertEquals(List.of(0, 1, 2, 3), numbers.stream().sorted().toList());
    }

    @Test
    void noSecretShowsInAnswersOrInTheLog() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/v2/stats", "/v2/connections", "/v2/metrics", "/v2/streams", "/v2/stream/no-such-topic",
                "/v2/stream/" + "x".repeat(300))) {
            answers.add(path + ": " + Deployments.get(base, path).body());
        }
        for (String kind : List.of("ready", "live")) {
            answers.add("/health/" + kind + ": " + Deployments.get(Deployments.health(kind).toURL(), "").body());
        }
        Path log = Path.of(System.getProperty("it.suite.dir", "target/suite")).resolve(Deployments.server() + ".log");
        assertTrue(Files.isRegularFile(log), "the suite server's log at " + log);
        answers.add("the server's log: " + Files.readString(log));
        for (String answer : answers) {
            assertFalse(answer.contains(SecureKafka.PASSWORD), "the SCRAM password in " + abbreviate(answer));
            assertFalse(answer.contains(SecureKafka.STORE_PASSWORD), "the trust store's password in " + abbreviate(answer));
        }
    }

    private static String abbreviate(String text) {
        int at = Math.max(text.indexOf(SecureKafka.PASSWORD), text.indexOf(SecureKafka.STORE_PASSWORD));
        return text.substring(0, Math.min(80, text.length())) + " ... " + text.substring(Math.max(0, at - 200),
                Math.min(text.length(), at + 100));
    }
}
