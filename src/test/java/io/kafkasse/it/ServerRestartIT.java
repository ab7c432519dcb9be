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

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
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
import io.kafkasse.it.support.TestJvmOptions;
import io.kafkasse.it.support.TestKafka;

/**
 * A server restarted under its clients, run as an operator runs it: Payara Micro started from the command line with the
 * shipped {@code server-config/payara} files, stopped with SIGTERM and started again with the same WARs, while a
 * producer writes sequence numbers and 50 clients that behave as a browser's EventSource (any answer but
 * {@code 200 text/event-stream} ends them for good) read the topic. Every client must resume, and every record must
 * reach every client exactly once and in order per partition. The server holds the built WAR twice, once per SSE
 * writer ({@code /coalescing} and {@code /sink}, each with its writer in an added configuration file), and half the
 * clients read each: one restart drains both writers.
 */
@ExtendWith(KafkaForTests.class)
class ServerRestartIT {

    private static final int CLIENTS = 50;
    private static final int PARTITIONS = 3;
    private static final List<String> WRITERS = List.of("coalescing", "sink");
    private final int port = Integer.getInteger("it.restart.port", 18090);

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
        List<Path> wars = wars();
        server = start(wars, topic, 1);
        AtomicLongArray produced = produce(topic);

        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            SequenceLedger ledger = new SequenceLedger(PARTITIONS);
            ledgers[i] = ledger;
            URI uri = URI.create("http://127.0.0.1:" + port + "/" + writerOf(i) + "/v2/stream/" + topic);
            clients.add(EventSourceClient.open(uri, "restart-client-" + i, ledger::accept));
        }
        Await.until(Duration.ofSeconds(60), "every client to open its stream",
                () -> clients.stream().allMatch(client -> client.connections() == 1));
        long[] whileConnected = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to be live", () -> allReceivedPast(ledgers, whileConnected));

        server.close(); // SIGTERM: the streams are drained, each with an end event, and the process exits
        long[] beforeRestart = snapshot(produced);
        server = start(wars, topic, 2);

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
            String name = "client " + i + " (" + writerOf(i) + " writer)";
            assertEquals(null, client.gaveUp(), name + " met an answer an EventSource gives up on");
            assertTrue(client.connections() >= 2, name + " reconnected: " + client.connections());
            assertEquals(1, ledgers[i].ends(), name + " was told the server drains (one end event)");
            ledgers[i].assertContiguousThrough(last, name);
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

    /** Half the clients read through each writer's WAR. */
    private static String writerOf(int client) {
        return WRITERS.get(client % WRITERS.size());
    }

    /** The built WAR once per writer, each file named after its writer (its context root on Payara Micro). */
    private static List<Path> wars() throws Exception {
        Path dir = logs().resolve("wars");
        Files.createDirectories(dir);
        List<Path> wars = new ArrayList<>();
        for (String writer : WRITERS) {
            Path war = dir.resolve(writer + ".war");
            // The shipped drain period (test WARs otherwise end streams at once): the restart is an operator's.
            Deployments.builtWar(Map.of("sse.writer", writer, "sse.drain-period", "5s"))
                    .as(ZipExporter.class).exportTo(war.toFile(), true);
            wars.add(war);
        }
        return wars;
    }

    private static Path logs() throws Exception {
        Path logs = Path.of(System.getProperty("it.restart.dir", "target/restart-it"));
        Files.createDirectories(logs);
        return logs;
    }

    private PayaraServer start(List<Path> wars, String topic, int run) throws Exception {
        PayaraServer started = PayaraServer.startEach(
                Path.of(System.getProperty("payara.micro.jar", "target/server/payara-micro.jar")),
                wars,
                Path.of(System.getProperty("it.server.config", "server-config")),
                port, "768m", TestJvmOptions.get(),
                Map.of("kafka.bootstrap.servers", KafkaForTests.bootstrapServers(),
                        "sse.allowed-topics", topic,
                        "sse.heartbeat-interval", "1s"),
                logs().resolve("payara-" + run + ".log"));
        for (String writer : WRITERS) {
            started.awaitReady(Duration.ofMinutes(3), "/" + writer);
        }
        return started;
    }
}
