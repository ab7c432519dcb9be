package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.kafkasse.it.suite.RestartableServer;
import io.kafkasse.it.suite.SuiteFiles;
import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.EventSourceClient;
import io.kafkasse.it.support.KafkaForTests;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.SequenceProducer;
import io.kafkasse.it.support.TestKafka;

/**
 * A server restarted under its clients, run as an operator runs it, on each of the three servers: the server started
 * from the command line with the shipped {@code server-config} files, stopped with SIGTERM and started again with the
 * same WARs, while a producer writes sequence numbers and 50 clients that behave as a browser's EventSource (any answer
 * but {@code 200 text/event-stream} ends them for good) read the topic. Every client must resume, and every record must
 * reach every client exactly once and in order per partition. The stop must be live and quiet: each stream keeps
 * receiving records until its own {@code end} event, and the server logs no warning or error from the signal to its
 * exit. The server holds the built WAR twice, once per SSE writer ({@code /coalescing} and {@code /sink}, each with its
 * writer in an added configuration file), and half the clients read each: one restart drains both writers.
 */
@ExtendWith(KafkaForTests.class)
class ServerRestartIT {

    private static final int CLIENTS = 50;
    private static final int PARTITIONS = 3;
    private static final List<String> WRITERS = List.of("coalescing", "sink");
    /**
     * The longest a stream may go without a record before its end event while the producer writes about 100 records a
     * second: a stream that stopped delivering at the signal stays silent for up to the drain period (5 s).
     */
    private static final Duration MAX_SILENCE_BEFORE_END = Duration.ofMillis(1_500);
    /** A warning or an error, in each server's log format (JUL's, WildFly's console, Liberty's console). */
    private static final Pattern COMPLAINT = Pattern.compile("\\b(WARNING|SEVERE|WARN|ERROR)\\b");

    private final int port = Integer.getInteger("it.restart.port", 18090);

    private TestKafka kafka = new TestKafka();
    private RestartableServer server;
    private final List<EventSourceClient> clients = new ArrayList<>();
    private SequenceProducer producer;

    @AfterEach
    void stopEverything() throws Exception {
        if (producer != null) {
            producer.stop();
        }
        clients.forEach(EventSourceClient::close);
        if (server != null) {
            server.close();
        }
        kafka.close();
    }

    @Test
    void everyClientResumesAfterARestartAndGetsEveryRecordOnceInOrder() throws Exception {
        String topic = kafka.createTopic("restart", PARTITIONS);
        Path dir = directory();
        server = RestartableServer.start(Deployments.server(), dir, port, "-Xmx768m", wars(dir, topic),
                KafkaForTests.bootstrapServers(), dir.resolve(Deployments.server() + "-1.log"));
        awaitReady();
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

        // SIGTERM: the streams are drained, each with an end event, and the process exits.
        List<String> complaints = server.stop().stream().filter(line -> COMPLAINT.matcher(line).find()).toList();
        long[] beforeRestart = producer.snapshot();
        server.restart(dir.resolve(Deployments.server() + "-2.log"));
        awaitReady();

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
        List<Duration> silences = Arrays.stream(ledgers).map(SequenceLedger::longestSilenceBeforeEnd).sorted().toList();
        System.out.printf("ServerRestartIT on %s: silence before the end event, median %d ms, longest %d ms%n",
                Deployments.server(), silences.get(CLIENTS / 2).toMillis(), silences.get(CLIENTS - 1).toMillis());
        assertEquals(List.of(), complaints, "warnings and errors the server logged while it stopped");
        assertTrue(silences.get(CLIENTS - 1).compareTo(MAX_SILENCE_BEFORE_END) < 0,
                "every stream received records until its end event; the longest silence before one: " + silences.get(CLIENTS - 1));
    }

    private void awaitReady() throws Exception {
        for (String writer : WRITERS) {
            server.awaitReady(Duration.ofMinutes(3), "/" + writer);
        }
    }

    /** A client met an answer an EventSource gives up on, or the producer failed: waiting longer would not help. */
    private boolean anyGaveUp() {
        return producer.failure() != null || clients.stream().anyMatch(client -> client.gaveUp() != null);
    }

    /** Half the clients read through each writer's WAR. */
    private static String writerOf(int client) {
        return WRITERS.get(client % WRITERS.size());
    }

    /**
     * The built WAR once per writer, exploded, each named after its writer (its context root); the topic allowed in
     * the WAR's own configuration, so that the restarted server reads the same files.
     */
    private static List<Path> wars(Path dir, String topic) throws Exception {
        Path wars = Files.createDirectories(dir.resolve("wars"));
        SuiteFiles.empty(wars);
        List<Path> exploded = new ArrayList<>();
        for (String writer : WRITERS) {
            // The shipped drain period (test WARs otherwise end streams at once): the restart is an operator's.
            Deployments.builtWar(Map.of("sse.writer", writer, "sse.drain-period", "5s", "sse.allowed-topics", topic))
                    .as(ExplodedExporter.class).exportExploded(wars.toFile(), writer);
            exploded.add(wars.resolve(writer));
        }
        return exploded;
    }

    private static Path directory() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("it.restart.dir", "target/restart-it")).toAbsolutePath());
    }
}
