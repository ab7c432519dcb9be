package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.EventSourceClient;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.StreamingIT;

/**
 * {@code sse.max-lifetime}: every stream ends cleanly at its own moment in the last tenth of the lifetime, with an
 * {@code end} event, and its client, reconnecting with the id it was given, loses and repeats nothing.
 */
@RunAsClient
class MaxLifetimeIT extends StreamingIT {

    private static final int CLIENTS = 5;
    private static final int PARTITIONS = 2;
    private static final Duration LIFETIME = Duration.ofSeconds(3);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.max-lifetime", "3s", "sse.retry", "200ms", "sse.retry-jitter", "100ms"));
    }

    @Test
    void streamsEndWithinTheirLifetimeAndResumeWithNothingLostOrRepeated() throws Exception {
        String topic = kafka.createTopic("lifetime", PARTITIONS);
        URI uri = Deployments.uri(base, "/v2/stream/" + topic);
        List<EventSourceClient> clients = new ArrayList<>();
        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        try {
            for (int i = 0; i < CLIENTS; i++) {
                ledgers[i] = new SequenceLedger(PARTITIONS);
                clients.add(EventSourceClient.open(uri, "lifetime-client-" + i, ledgers[i]::accept));
            }
            Await.until(WAIT, "every client to open its stream", () -> clients.stream().allMatch(c -> c.connections() >= 1));

            // Records keep coming while every stream lives through three lifetimes.
            long seq = 0;
            while (clients.stream().anyMatch(c -> c.lifetimes().size() < 3)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    kafka.send(topic, p, null, "{\"p\":" + p + ",\"seq\":" + seq + "}");
                }
                seq++;
                Thread.sleep(20);
                assertTrue(seq < 2_000, "three lifetimes passed within 40 s");
            }
            long[] last = {seq - 1, seq - 1};
            Await.until(WAIT, "every client to receive the last record", () -> java.util.Arrays.stream(ledgers).allMatch(l -> l.reached(last)));

            for (int i = 0; i < CLIENTS; i++) {
                EventSourceClient client = clients.get(i);
                assertEquals(null, client.gaveUp(), "client " + i);
                for (Duration lived : client.lifetimes()) {
                    // Measured here from the response's headers, which reach the client a little after the server
                    // planned the end (up to 400 ms later seen with the sink writer on a loaded CI machine).
                    assertTrue(lived.compareTo(LIFETIME.multipliedBy(9).dividedBy(10).minusMillis(500)) >= 0
                            && lived.compareTo(LIFETIME.plusSeconds(1)) <= 0,
                            "client " + i + ": a stream lived " + lived.toMillis() + " ms, not within the last tenth of 3 s");
                }
                assertTrue(ledgers[i].ends() >= 3, "client " + i + " got an end event at each lifetime: " + ledgers[i].ends());
                ledgers[i].assertContiguousThrough(last, "client " + i);
            }
        } finally {
            clients.forEach(EventSourceClient::close);
        }
    }
}
