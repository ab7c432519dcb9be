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
import io.kafkasse.it.support.SequenceProducer;
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
    private SequenceProducer producer;

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
        if (producer != null) {
            producer.stop();
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
        producer = SequenceProducer.start(kafka, topic, PARTITIONS);

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
        long[] whileConnected = producer.snapshot();
        Await.until(Duration.ofSeconds(60), "every client to be live", () -> SequenceLedger.allReached(ledgers, whileConnected));

        instances.get(0).kill();
        long[] afterKill = producer.snapshot();
        Await.until(Duration.ofSeconds(60), "every client to resume past the kill on the other instance",
                () -> SequenceLedger.allReached(ledgers, afterKill) || anyGaveUp());
        assertEquals(CLIENTS, openStreams(INSTANCE_PORTS.get(1)), "the surviving instance serves every client");
        producer.stop();
        long[] last = producer.snapshot();
        Await.until(Duration.ofSeconds(60), "every client to receive the last record",
                () -> SequenceLedger.allReached(ledgers, last) || anyGaveUp());
        assertNull(producer.failure(), "the producer wrote records throughout");

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

    private boolean anyGaveUp() {
        return producer.failure() != null || clients.stream().anyMatch(client -> client.gaveUp() != null);
    }
}
