package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

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
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        AtomicLongArray produced = new AtomicLongArray(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            produced.set(p, -1);
        }
        // One record at a time, each waited for until the broker takes it (the idempotent producer retries through
        // the crash without writing a record twice): sequence numbers have no holes.
        Thread producer = new Thread(() -> {
            long n = 0;
            while (producing.get()) {
                int partition = (int) (n % PARTITIONS);
                try {
                    own.sendAsync(topic, partition, null, "{\"p\":" + partition + ",\"seq\":" + n / PARTITIONS + "}").get();
                } catch (Exception e) {
                    producerFailure.set(e);
                    return;
                }
                produced.set(partition, n / PARTITIONS);
                n++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fault-producer");
        producer.start();

        List<EventSourceClient> clients = new ArrayList<>();
        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        try {
            URI uri = Deployments.uri(base, "/v2/stream/" + topic + "?since=0");
            for (int i = 0; i < CLIENTS; i++) {
                ledgers[i] = new SequenceLedger(PARTITIONS);
                clients.add(EventSourceClient.open(uri, "fault-client-" + i, ledgers[i]::accept));
            }
            long[] beforeCrash = snapshot(produced);
            Await.until(WAIT, "every client to be live", () -> allReceivedPast(ledgers, beforeCrash));

            broker.kill();
            Thread.sleep(3_000); // down for a while: the streams see nothing but heartbeats meanwhile
            broker.start();
            long[] afterRestart = snapshot(produced);
            Await.until(Duration.ofSeconds(90), "every client to receive what was produced after the broker came back",
                    () -> allReceivedPast(ledgers, afterRestart) && produced.get(0) > afterRestart[0] + 10
                            || producerFailure.get() != null || clients.stream().anyMatch(c -> c.gaveUp() != null));
            producing.set(false);
            producer.join(30_000);
            assertNull(producerFailure.get(), "the producer wrote through the crash");
            long[] last = snapshot(produced);
            Await.until(WAIT, "every client to receive the last record", () -> allReceivedPast(ledgers, last));
            for (int i = 0; i < CLIENTS; i++) {
                assertNull(clients.get(i).gaveUp(), "client " + i + " met an answer an EventSource gives up on");
                assertTrue(ledgers[i].first() == 0, "client " + i + " started at the first record");
                ledgers[i].assertContiguousThrough(last, "client " + i);
            }
        } finally {
            producing.set(false);
            clients.forEach(EventSourceClient::close);
        }
    }

    private static boolean allReceivedPast(SequenceLedger[] ledgers, long[] sequences) {
        for (SequenceLedger ledger : ledgers) {
            if (!ledger.reached(sequences)) {
                return false;
            }
        }
        return true;
    }

    private static long[] snapshot(AtomicLongArray produced) {
        long[] copy = new long[produced.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = produced.get(i);
        }
        return copy;
    }
}
