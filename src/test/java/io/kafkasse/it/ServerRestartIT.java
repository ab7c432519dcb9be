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
import io.kafkasse.it.support.SequenceProducer;
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
    private SequenceProducer producer;

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
        if (producer != null) {
            producer.stop();
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
        producer = SequenceProducer.start(kafka, topic, PARTITIONS);

        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            SequenceLedger ledger = new SequenceLedger(PARTITIONS);
            ledgers[i] = ledger;
            URI uri = URI.create("http://127.0.0.1:" + port + "/" + writerOf(i) + "/v2/stream/" + topic);
            clients.add(EventSourceClient.open(uri, "restart-client-" + i, ledger::accept));
        }
        Await.until(Duration.ofSeconds(60), "every client to open its stream",
                () -> clients.stream().allMatch(client -> client.connections() == 1));
        long[] whileConnected = producer.snapshot();
        Await.until(Duration.ofSeconds(60), "every client to be live", () -> SequenceLedger.allReached(ledgers, whileConnected));

        server.close(); // SIGTERM: the streams are drained, each with an end event, and the process exits
        long[] beforeRestart = producer.snapshot();
        server = start(wars, topic, 2);

        // Live again: each client has what was produced after the new server was ready.
        long[] afterRestart = producer.snapshot();
        Await.until(Duration.ofSeconds(120), "every client to resume past the restart",
                () -> SequenceLedger.allReached(ledgers, afterRestart) || anyGaveUp());
        producer.stop();
        long[] last = producer.snapshot();
        Await.until(Duration.ofSeconds(60), "every client to receive the last record",
                () -> SequenceLedger.allReached(ledgers, last) || anyGaveUp());
        assertNull(producer.failure(), "the producer wrote records throughout");

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

    /** A client met an answer an EventSource gives up on, or the producer failed: waiting longer would not help. */
    private boolean anyGaveUp() {
        return producer.failure() != null || clients.stream().anyMatch(client -> client.gaveUp() != null);
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
