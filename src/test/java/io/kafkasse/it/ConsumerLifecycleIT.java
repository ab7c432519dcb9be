package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * The shared feed's consumer lives exactly as long as a topic has clients: many clients of a topic are read by one
 * consumer, it is closed once the last of them disconnects, and no consumer joins a group.
 */
class ConsumerLifecycleIT extends StreamingIT {

    private static final int CLIENTS = 20;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void oneFeedConsumerServesEveryClientOfATopicAndClosesWithTheLast() throws Exception {
        String topic = kafka.createTopic("lifecycle", 2);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                SseClient client = stream(topic);
                assertEquals(200, client.status());
                clients.add(client);
            }
            for (SseClient client : clients) {
                Await.until(WAIT, "every stream to start", () -> client.comments() >= 1);
            }
            assertEquals(CLIENTS, openStreams(), "open streams");
            assertEquals(1, liveConsumers(), "one feed consumer for the topic, shared by its clients");
        } finally {
            clients.forEach(SseClient::close);
        }
        // A vanished client is noticed at the next write: heartbeats run every second in the tests.
        Await.until(WAIT, "every consumer to be closed", () -> liveConsumers() == 0);
        Await.until(WAIT, "every stream to be let go", () -> openStreams() == 0);
        assertEquals(List.of(), List.copyOf(kafka.groups()), "consumer groups on the broker");
    }

    @Test
    void aClientThatStaysReceivesRecordsWhileOthersCome() throws Exception {
        String topic = kafka.createTopic("stayer", 1);
        try (SseClient stayer = stream(topic)) {
            Await.until(WAIT, "the stream to start", () -> stayer.comments() >= 1);
            for (int round = 0; round < 3; round++) {
                try (SseClient visitor = stream(topic)) {
                    Await.until(WAIT, "the visitor's stream to start", () -> visitor.comments() >= 1);
                    kafka.send(topic, 0, "k", "{\"round\":" + round + "}");
                    assertEquals(round, Json.object(visitor.next(WAIT).data()).getInt("round"));
                }
                assertEquals(round, Json.object(stayer.next(WAIT).data()).getInt("round"));
            }
        }
        Await.until(WAIT, "every consumer to be closed", () -> liveConsumers() == 0);
    }

}
