package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.KafkaForTests;
import io.kafkasse.it.support.Nginx;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.TestJvmOptions;
import io.kafkasse.it.support.TestKafka;

/**
 * Scale-out as operators run it: two instances of the WAR (Payara Micro with the shipped files) behind Debian's nginx
 * with the README's settings. EventSource clients connect through nginx and spread over both; one instance is killed
 * (SIGKILL: no drain, no end event, connections cut) while a producer writes sequence numbers; its clients reconnect
 * through nginx with their last id, land on the other instance, and every client receives every record exactly once,
 * in order per partition. Instances are stateless: the id is the whole position.
 */
@ExtendWith(KafkaForTests.class)
class BalancedInstancesIT {

    private static final int CLIENTS = 40;
    private static final int PARTITIONS = 3;
    private static final int NGINX_PORT = 18093;
    private static final List<Integer> INSTANCE_PORTS = List.of(18094, 18095);

    private TestKafka kafka;
    private final List<PayaraServer> instances = new ArrayList<>();
    private Nginx nginx;
    private final List<EventSourceClient> clients = new ArrayList<>();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicReference<Exception> producerFailure = new AtomicReference<>();
    private Thread producer;

    @BeforeEach
    void onPayaraMicroWithNginx() {
        Assumptions.assumeTrue("payara".equals(Deployments.server()),
                "the load-balancer test starts two Payara Micro instances itself; this run is on " + Deployments.server());
        if (Nginx.binary() == null) {
            // .ci/run installs Debian's package; on a developer's machine without it the test says so and skips.
            if ("true".equals(System.getenv("CI"))) {
                fail("nginx is not installed: under CI=true the load-balancer test must run (.ci/run installs it)");
            }
            Assumptions.abort("nginx is not installed (apt-get install nginx): the load-balancer test needs it");
        }
        kafka = new TestKafka();
    }

    @AfterEach
    void stopEverything() throws Exception {
        producing.set(false);
        if (producer != null) {
            producer.join(10_000);
        }
        clients.forEach(EventSourceClient::close);
        if (nginx != null) {
            nginx.close();
        }
        for (PayaraServer instance : instances) {
            instance.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void clientsOfAKilledInstanceResumeThroughTheBalancerWithNothingLostOrRepeated() throws Exception {
        String topic = kafka.createTopic("balanced", PARTITIONS);
        Path dir = Path.of(System.getProperty("it.balanced.dir", "target/balanced-it")).toAbsolutePath();
        Files.createDirectories(dir);
        Path war = dir.resolve("ROOT.war");
        Deployments.builtWar(Map.of("sse.drain-period", "5s")).as(ZipExporter.class).exportTo(war.toFile(), true);
        for (int i = 0; i < INSTANCE_PORTS.size(); i++) {
            instances.add(PayaraServer.start(
                    Path.of(System.getProperty("payara.micro.jar", "target/server/payara-micro.jar")), war,
                    Path.of(System.getProperty("it.server.config", "server-config")), INSTANCE_PORTS.get(i), "512m",
                    TestJvmOptions.get(), Map.of("kafka.bootstrap.servers", KafkaForTests.bootstrapServers(),
                            "sse.allowed-topics", topic, "sse.heartbeat-interval", "1s"),
                    dir.resolve("payara-" + i + ".log")));
        }
        for (PayaraServer instance : instances) {
            instance.awaitReady(Duration.ofMinutes(3));
        }
        nginx = Nginx.start(Nginx.binary(), dir.resolve("nginx"), NGINX_PORT, INSTANCE_PORTS);
        AtomicLongArray produced = produce(topic);

        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        URI uri = URI.create("http://127.0.0.1:" + NGINX_PORT + "/v2/stream/" + topic);
        for (int i = 0; i < CLIENTS; i++) {
            ledgers[i] = new SequenceLedger(PARTITIONS);
            clients.add(EventSourceClient.open(uri, "balanced-client-" + i, ledgers[i]::accept));
        }
        Await.until(Duration.ofSeconds(60), "every client to open its stream through nginx",
                () -> clients.stream().allMatch(client -> client.connections() == 1));
        int onFirst = openStreams(INSTANCE_PORTS.get(0));
        int onSecond = openStreams(INSTANCE_PORTS.get(1));
        assertEquals(CLIENTS, onFirst + onSecond, "every stream is served by one of the instances");
        assertTrue(onFirst > 0 && onSecond > 0, "nginx spread the clients over both: " + onFirst + " and " + onSecond);
        long[] whileConnected = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to be live", () -> allReceivedPast(ledgers, whileConnected));

        instances.get(0).kill();
        long[] afterKill = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to resume past the kill on the other instance",
                () -> allReceivedPast(ledgers, afterKill) || anyGaveUp());
        assertEquals(CLIENTS, openStreams(INSTANCE_PORTS.get(1)), "the surviving instance serves every client");
        producing.set(false);
        producer.join(10_000);
        long[] last = snapshot(produced);
        Await.until(Duration.ofSeconds(60), "every client to receive the last record", () -> allReceivedPast(ledgers, last) || anyGaveUp());
        assertNull(producerFailure.get(), "the producer wrote records throughout");

        int moved = 0;
        for (int i = 0; i < CLIENTS; i++) {
            EventSourceClient client = clients.get(i);
            assertNull(client.gaveUp(), "client " + i + " met an answer an EventSource gives up on");
            moved += client.connections() >= 2 ? 1 : 0;
            ledgers[i].assertContiguousThrough(last, "client " + i);
        }
        assertEquals(onFirst, moved, "the killed instance's clients, and only they, reconnected");
    }

    private static int openStreams(int port) throws Exception {
        return Json.object(Deployments.get(URI.create("http://127.0.0.1:" + port + "/").toURL(), "/v2/stats").body())
                .getInt("openStreams");
    }

    private static boolean allReceivedPast(SequenceLedger[] ledgers, long[] sequences) {
        for (SequenceLedger ledger : ledgers) {
            if (!ledger.reached(sequences)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyGaveUp() {
        return producerFailure.get() != null || clients.stream().anyMatch(client -> client.gaveUp() != null);
    }

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
                try {
                    kafka.send(topic, partition, null, "{\"p\":" + partition + ",\"seq\":" + n / PARTITIONS + "}");
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
        }, "balanced-producer");
        producer.start();
        return produced;
    }
}
