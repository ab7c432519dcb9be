package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.kafkasse.dev.PayaraServer;
import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.EventSourceClient;
import io.kafkasse.it.support.KafkaForTests;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.TestClassDeployment;
import io.kafkasse.it.support.TestKafka;

/**
 * A server restarted under its clients, run as an operator runs it: Payara Micro started from the command line with the
 * shipped {@code server-config/payara} files, stopped with SIGTERM and started again with the same WAR, while a
 * producer writes sequence numbers and 50 clients that behave as a browser's EventSource (any answer but
 * {@code 200 text/event-stream} ends them for good) read the topic. Every client must resume, and every record must
 * reach every client exactly once and in order per partition.
 */
@ExtendWith(KafkaForTests.class)
@ExtendWith(TestClassDeployment.class)
class ServerRestartIT {

    private static final int CLIENTS = 50;
    private static final int PARTITIONS = 3;
    /** A port per writer: ServerRestartIT and ServerRestartSinkIT run at the same time, in different test JVMs. */
    private final int port = Integer.getInteger("it.restart.port", 18090) + ("sink".equals(Deployments.sseWriter()) ? 1 : 0);

    private TestKafka kafka;
    private PayaraServer server;
    private final List<EventSourceClient> clients = new ArrayList<>();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    /** Why the producer stopped before it was told to, if it did: the test fails with it instead of waiting. */
    private final AtomicReference<Exception> producerFailure = new AtomicReference<>();
    private Thread producer;

    @BeforeEach
    void onPayaraMicroOnly() {
        // WildFly and Open Liberty are restarted by hand (README, "Restarts and upgrades"): their Arquillian
        // containers cannot be stopped and started again from inside a test.
        Assumptions.assumeTrue("payara".equals(Deployments.server()),
                "the restart test starts Payara Micro itself; this run is on " + Deployments.server());
        kafka = new TestKafka();
    }

    @AfterEach
    void stopEverything() throws Exception {
        producing.set(false);
        if (producer != null) {
            producer.join(10_000);
        }
        clients.forEach(EventSourceClient::close);
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyClientResumesAfterARestartAndGetsEveryRecordOnceInOrder() throws Exception {
        String topic = kafka.createTopic("restart", PARTITIONS);
        server = start(topic, 1);
        AtomicLongArray produced = produce(topic);

        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        URI uri = URI.create("http://127.0.0.1:" + port + "/v2/stream/" + topic);
        for (int i = 0; i < CLIENTS; i++) {
            SequenceLedger ledger = new SequenceLedger(PARTITIONS);
            ledgers[i] = ledger;
            clients.add(EventSourceClient.open(uri, "restart-client-" + i, ledger::accept));
        }
        Await.until(Duration.ofSeconds(60), "every client to open its stream",
                () -> clients.stream().allMatch(client -> client.connections() == 1));
        long[] whileConnected = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to be live", () -> allReceivedPast(ledgers, whileConnected));

        server.close(); // SIGTERM: the streams are drained, each with an end event, and the process exits
        long[] beforeRestart = snapshot(produced);
        server = start(topic, 2);

        // Live again: each client has what was produced after the new server was ready.
        long[] afterRestart = snapshot(produced);
        Await.until(Duration.ofSeconds(120), "every client to resume past the restart",
                () -> allReceivedPast(ledgers, afterRestart) || anyGaveUp());
        producing.set(false);
        producer.join(10_000);
        long[] last = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to receive the last record", () -> allReceivedPast(ledgers, last) || anyGaveUp());
        assertNull(producerFailure.get(), "the producer wrote records throughout");

        for (int i = 0; i < CLIENTS; i++) {
            EventSourceClient client = clients.get(i);
            assertEquals(null, client.gaveUp(), "client " + i + " met an answer an EventSource gives up on");
            assertTrue(client.connections() >= 2, "client " + i + " reconnected: " + client.connections());
            assertEquals(1, ledgers[i].ends(), "client " + i + " was told the server drains (one end event)");
            ledgers[i].assertContiguousThrough(last, "client " + i);
        }
        assertTrue(beforeRestart[0] > 0 && last[0] > beforeRestart[0], "records were produced throughout");
    }

    private boolean allReceivedPast(SequenceLedger[] ledgers, long[] sequences) {
        for (SequenceLedger ledger : ledgers) {
            if (!ledger.reached(sequences)) {
                return false;
            }
        }
        return true;
    }

    /** A client met an answer an EventSource gives up on, or the producer failed: waiting longer would not help. */
    private boolean anyGaveUp() {
        return producerFailure.get() != null || clients.stream().anyMatch(client -> client.gaveUp() != null);
    }

    /** The last sequence number written to each partition (-1 for none). */
    private static long[] snapshot(AtomicLongArray produced) {
        long[] copy = new long[produced.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = produced.get(i);
        }
        return copy;
    }

    /** About 100 records a second over the partitions, each value {"p":partition,"seq":n}, n from 0 per partition. */
    private AtomicLongArray produce(String topic) {
        AtomicLongArray produced = new AtomicLongArray(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            produced.set(p, -1);
        }
        producer = new Thread(() -> {
            long n = 0;
            while (producing.get()) {
                int partition = (int) (n % PARTITIONS);
                long seq = n / PARTITIONS;
                try {
                    kafka.send(topic, partition, null, "{\"p\":" + partition + ",\"seq\":" + seq + "}");
                } catch (Exception e) {
                    producerFailure.set(e);
                    return;
                }
                produced.set(partition, seq);
                n++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "restart-producer");
        producer.start();
        return produced;
    }

    private PayaraServer start(String topic, int run) throws Exception {
        Path logs = Path.of(System.getProperty("it.restart.dir", "target/restart-it"));
        Files.createDirectories(logs);
        PayaraServer started = PayaraServer.start(
                Path.of(System.getProperty("payara.micro.jar", "target/server/payara-micro.jar")),
                Path.of(System.getProperty("it.war", "target/kafka-sse.war")),
                Path.of(System.getProperty("it.server.config", "server-config")),
                port, "512m",
                Map.of("kafka.bootstrap.servers", KafkaForTests.bootstrapServers(),
                        "sse.allowed-topics", topic,
                        "sse.writer", Deployments.sseWriter(),
                        "sse.heartbeat-interval", "1s"),
                logs.resolve("payara-" + Deployments.sseWriter() + "-" + run + ".log"));
        started.awaitReady(Duration.ofMinutes(3));
        return started;
    }
}
