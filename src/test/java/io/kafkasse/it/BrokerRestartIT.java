package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.EventSourceClient;
import io.kafkasse.it.support.RestartableBroker;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.SequenceProducer;
import io.kafkasse.it.support.StreamingIT;
import io.kafkasse.it.support.TestKafka;

/**
 * The broker dies under streaming clients (SIGKILL, as a crash) and comes back a few seconds later with the same data
 * and address, while a producer writes sequence numbers: every EventSource client keeps its stream or resumes it, meets
 * no answer that would make a browser give up, and receives every record exactly once, in order per partition. The
 * broker is this class's own (a KRaft node in a JVM the test starts, kills and starts again), not the suite's.
 */
@RunAsClient
class BrokerRestartIT extends StreamingIT {

    private static final int PORT = 19292;
    private static final int CONTROLLER_PORT = 19293;
    private static final int CLIENTS = 20;
    private static final int PARTITIONS = 3;

    private static RestartableBroker broker;
    private static TestKafka own;

    @Deployment(testable = false)
    static WebArchive war() {
        // Above the suite server's own broker address (a system property, ordinal 400).
        return Deployments.builtWar(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + PORT, "sse.allowed-topics", "fault-*",
                "sse.heartbeat-interval", "1s", "sse.retry", "500ms", "sse.retry-jitter", "500ms",
                "sse.retry-after-error", "1s"), 500);
    }

    @BeforeAll
    static void startTheBroker() throws Exception {
        Path dir = Path.of(System.getProperty("it.suite.dir", "target/suite")).toAbsolutePath().resolve("restartable-kafka-"
                + Deployments.sseWriter());
        broker = RestartableBroker.fresh(dir, PORT, CONTROLLER_PORT);
        broker.start();
        own = new TestKafka(broker.bootstrapServers());
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        try {
            if (own != null) {
                own.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void everyClientGetsEveryRecordOnceInOrderAcrossABrokerCrash() throws Exception {
        String topic = own.createTopic("fault", PARTITIONS);
        List<EventSourceClient> clients = new ArrayList<>();
        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        try (SequenceProducer producer = SequenceProducer.start(own, topic, PARTITIONS)) {
            URI uri = Deployments.uri(base, "/v2/stream/" + topic + "?since=0");
            for (int i = 0; i < CLIENTS; i++) {
                ledgers[i] = new SequenceLedger(PARTITIONS);
                clients.add(EventSourceClient.open(uri, "fault-client-" + i, ledgers[i]::accept));
            }
            long[] beforeCrash = producer.snapshot();
            Await.until(WAIT, "every client to be live", () -> SequenceLedger.allReached(ledgers, beforeCrash));

            broker.kill();
            // The broker is away for as long as a new node takes to start (several seconds); the streams see nothing
            // but heartbeats. What it acknowledged just before it died may not have reached the server's consumer (a
            // fetch answered after the produce, or never): Kafka hands it out once the broker is back, and the checks
            // below see that every client gets it then, once, in order. (Waiting for it while the broker was down
            // failed once in many runs, on a slow WildFly run.)
            broker.start();
            long[] afterRestart = producer.snapshot();
            Await.until(Duration.ofSeconds(90), "every client to receive what was produced after the broker came back",
                    () -> SequenceLedger.allReached(ledgers, afterRestart) && producer.snapshot()[0] > afterRestart[0] + 10
                            || producer.failure() != null || clients.stream().anyMatch(c -> c.gaveUp() != null));
            producer.stop();
            assertNull(producer.failure(), "the producer wrote through the crash");
            long[] last = producer.snapshot();
            Await.until(WAIT, "every client to receive the last record", () -> SequenceLedger.allReached(ledgers, last));
            for (int i = 0; i < CLIENTS; i++) {
                assertNull(clients.get(i).gaveUp(), "client " + i + " met an answer an EventSource gives up on");
                assertTrue(ledgers[i].first() == 0, "client " + i + " started at the first record");
                ledgers[i].assertContiguousThrough(last, "client " + i);
            }
        } finally {
            clients.forEach(EventSourceClient::close);
        }
    }
}
