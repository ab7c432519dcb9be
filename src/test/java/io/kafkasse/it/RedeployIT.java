package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.EventSourceClient;
import io.kafkasse.it.support.OwnServer;
import io.kafkasse.it.support.OwnServerLog;
import io.kafkasse.it.support.SequenceLedger;
import io.kafkasse.it.support.ServerJvm;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingTest;
import io.kafkasse.it.support.TestKafka;

/**
 * The WAR undeployed and deployed again under connected clients: each stream ends cleanly, with an {@code end} event
 * whose id is where to resume and a {@code retry:}; nothing of the service is left in the server once it is
 * undeployed (no thread running its code or Kafka's, no Kafka client); and each client, resuming from that id on the
 * new deployment, gets every record once, in order; and the server (WildFly, Open Liberty) logs no warning or error
 * from the undeploy until the WAR is deployed again. (Payara Micro's container deploys by starting a server with the
 * WAR and undeploys by stopping it: there the undeploy is a stop.)
 */
@OwnServer
@StreamingTest
@RunAsClient
class RedeployIT {

    private static final String SERVICE = "service";
    private static final int CLIENTS = 10;
    private static final int PARTITIONS = 2;

    private static TestKafka kafka;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = SERVICE, managed = false, testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.drain-period", "2s", "sse.allowed-topics", "redeploy-*"));
    }

    @BeforeAll
    static void connectToKafka() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void streamsEndCleanlyAtAnUndeployNothingIsLeftAndClientsResumeOnTheNewDeploymentLosingNothing() throws Exception {
        Assumptions.assumeFalse("payara".equals(Deployments.server()) && "sink".equals(Deployments.sseWriter()),
                "Payara Micro's container undeploys by stopping the server without --shutdowngrace, and Payara closes "
                        + "the JAX-RS SSE sinks before the drain can write to them: with the sink writer the streams are cut "
                        + "(their clients resume from their last id); ServerRestartIT covers the sink writer's drain with the "
                        + "documented --shutdowngrace");
        String topic = kafka.createTopic("redeploy", PARTITIONS);
        long[] last = produce(topic, 0, 50);
        deployer.deploy(SERVICE);
        URI uri = Deployments.deployedBase().resolve("v2/stream/" + topic);

        SequenceLedger[] ledgers = new SequenceLedger[CLIENTS];
        List<SseClient> clients = new ArrayList<>();
        String fromStart = "[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0},{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":0}]";
        for (int i = 0; i < CLIENTS; i++) {
            ledgers[i] = new SequenceLedger(PARTITIONS);
            clients.add(SseClient.open(uri, Map.of("Last-Event-ID", fromStart)));
            assertEquals(200, clients.get(i).status());
        }
        for (int i = 0; i < CLIENTS; i++) {
            for (SseEvent event : clients.get(i).next(100, Duration.ofSeconds(20))) {
                ledgers[i].accept(new EventSourceClient.Event(event.event(), event.id(), event.data()));
            }
        }
        last = produce(topic, 50, 20);

        Optional<OwnServerLog> log = OwnServerLog.find();
        long mark = log.map(OwnServerLog::mark).orElse(0L);
        deployer.undeploy(SERVICE);

        String[] resumeIds = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            SseClient client = clients.get(i);
            SseEvent event;
            do {
                event = client.next(Duration.ofSeconds(20));
                ledgers[i].accept(new EventSourceClient.Event(event.event(), event.id(), event.data()));
            } while (event.event().equals("message"));
            assertEquals("end", event.event(), "client " + i + ": the stream ends with an end event: " + event);
            assertTrue(event.data().contains("\"reason\":\"draining\""), event.data());
            assertNotNull(client.retry(), "client " + i + " was told when to come back");
            resumeIds[i] = event.id();
            Await.until(Duration.ofSeconds(10), "the response to end after the end event", client::ended);
            assertEquals(null, client.poll(Duration.ZERO), "nothing after the end event");
            client.close();
        }
        assertNothingOfTheServiceIsLeft();

        last = produce(topic, 70, 20);
        deployer.deploy(SERVICE);
        if (log.isPresent()) {
            assertEquals(List.of(), log.get().complaintsSince(mark), "warnings and errors in " + log.get()
                    + " while the WAR was undeployed and deployed again");
        }
        try {
            for (int i = 0; i < CLIENTS; i++) {
                try (SseClient client = SseClient.open(uri, Map.of("Last-Event-ID", resumeIds[i]))) {
                    assertEquals(200, client.status());
                    while (!ledgers[i].reached(last)) {
                        SseEvent event = client.next(Duration.ofSeconds(20));
                        ledgers[i].accept(new EventSourceClient.Event(event.event(), event.id(), event.data()));
                    }
                }
                ledgers[i].assertContiguousThrough(last, "client " + i);
                assertEquals(0, ledgers[i].first(), "client " + i + " started from the beginning");
            }
        } finally {
            deployer.undeploy(SERVICE);
        }
    }

    /** In a server that outlives the undeploy (WildFly, Open Liberty): no thread, task or Kafka client of the service. */
    private void assertNothingOfTheServiceIsLeft() throws Exception {
        if ("payara".equals(Deployments.server())) {
            // Payara Micro's container undeploys by stopping the server: nothing is left when its JVM is gone.
            Await.until(Duration.ofSeconds(30), "Payara Micro's JVM to end at the undeploy", () -> !ServerJvm.running());
            return;
        }
        Optional<ServerJvm> found = ServerJvm.attach();
        assertTrue(found.isPresent(), "the server's JVM, a child of this one");
        try (ServerJvm server = found.get()) {
            List<String> seen = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "nothing of the service left in the server after the undeploy", () -> {
                try {
                    seen.clear();
                    seen.addAll(server.serviceLeftovers());
                    return seen.isEmpty() ? Boolean.TRUE : null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, seen::toString);
            assertEquals(List.of(), seen);
        }
    }

    /** Writes {@code count} records to each partition, values {"p":p,"seq":n} from {@code from}; returns the last seq. */
    private static long[] produce(String topic, int from, int count) throws Exception {
        for (int n = from; n < from + count; n++) {
            for (int p = 0; p < PARTITIONS; p++) {
                kafka.send(topic, p, null, "{\"p\":" + p + ",\"seq\":" + n + "}");
            }
        }
        long[] last = new long[PARTITIONS];
        java.util.Arrays.fill(last, from + count - 1);
        return last;
    }
}
