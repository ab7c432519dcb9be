package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.ServerJvm;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * Churn (issue 20): rounds of clients that leave every way a client can while records flow: cleanly after reading, with
 * a reset (a client that crashes), or after reading nothing at all (a stalled socket, closed with megabytes still on
 * their way to it). Afterwards no stream and no consumer is left, the heap is back near where it was, and a new client
 * is served. (A client that stays connected and reads nothing is cut off by its write timeout once the
 * container stops taking its writes: SharedFanOutIT. How much a container takes first is its own: Payara's Grizzly
 * queues up to about four times the socket's send buffer, some 16 MB here.)
 */
@RunAsClient
class ChurnIT extends StreamingIT {

    private static final int ROUNDS = 4;
    private static final int EACH_WAY = 10;
    /** Short, so that a stream whose client stalled and left is not kept waiting for the default 30 s. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.write-timeout", WRITE_TIMEOUT.toSeconds() + "s",
                "sse.max-unsent-bytes", "65536"));
    }

    @Test
    void clientsLeavingEveryWayLeaveNothingBehind() throws Exception {
        String topic = kafka.createTopic("churn", 2);
        String padding = "x".repeat(20_000);
        try (ServerJvm server = ServerJvm.attachToSuiteServer()) {
            // A first round warms up what stays for good (the feed's consumer, the pools), so the baseline includes it.
            round(topic, padding, 0);
            Await.until(WAIT, "no consumer left reading for the warm-up", () -> liveConsumers() == 0);
            JsonObject before = Json.object(Deployments.get(base, "/v2/stats").body()).getJsonObject("consumers");
            long heapBefore = server.heapUsedAfterGc();

            for (int round = 1; round <= ROUNDS; round++) {
                round(topic, padding, round);
            }

            Await.until(WAIT, "no consumer left reading for a client", () -> liveConsumers() == 0);
            JsonObject after = Json.object(Deployments.get(base, "/v2/stats").body()).getJsonObject("consumers");
            long heapAfter = server.heapUsedAfterGc();
            System.out.println("ChurnIT on " + Deployments.server() + ": " + ROUNDS * EACH_WAY * 3 + " clients in " + ROUNDS
                    + " rounds; consumers " + before + " -> " + after + ", server heap after GC " + heapBefore / 1_048_576
                    + " -> " + heapAfter / 1_048_576 + " MiB");
            // This deployment's own counts; the heap is the whole server's, shared with the classes running beside
            // this one, hence a margin: a leak of a megabyte per client would still show.
            assertEquals(before.getInt("feed"), after.getInt("feed"), "feed consumers");
            assertEquals(0, after.getInt("history"), "history consumers");
            assertTrue(after.getInt("lookup") <= 4, "lookup consumers: " + after);
            assertTrue(heapAfter < heapBefore + 128L * 1_048_576, "heap after GC " + heapBefore + " -> " + heapAfter);
        }
        try (SseClient client = stream(topic).awaitStart()) {
            kafka.send(topic, 0, "k", "{\"after\":true}");
            assertTrue(Json.object(client.next(WAIT).data()).getBoolean("after"));
        }
    }

    /** One round: clients of each kind connect, records flow, then each leaves in its way; stalled ones stay open. */
    private void round(String topic, String padding, int round) throws Exception {
        List<Socket> clean = open(topic, EACH_WAY);
        List<Socket> reset = open(topic, EACH_WAY);
        List<Socket> stalled = open(topic, EACH_WAY);
        // 2 MB for each client: the stalled ones have far more on its way to them than their 16 KB window takes.
        for (int i = 0; i < 100; i++) {
            kafka.sendAsync(topic, i % 2, "k", "{\"round\":" + round + ",\"i\":" + i + ",\"pad\":\"" + padding + "\"}");
        }
        kafka.send(topic, 0, "k", "{\"round\":" + round + ",\"last\":true}");
        for (Socket socket : clean) {
            readSome(socket);
            socket.close();
        }
        for (Socket socket : reset) {
            readSome(socket);
            socket.setSoLinger(true, 0); // close with a reset, as a client that crashes
            socket.close();
        }
        for (Socket socket : stalled) {
            socket.close(); // having read nothing since the stream opened
        }
        Await.until(WAIT.plus(WRITE_TIMEOUT), "round " + round + ": every stream of the round closed",
                () -> openStreams() == 0 ? Boolean.TRUE : null, () -> "streams open: " + openStreams());
    }

    private List<Socket> open(String topic, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(16 * 1024); // a small window: a client that stops reading backs up soon
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath().replaceAll("/$", "") + "/v2/stream/" + topic + " HTTP/1.1\r\nHost: "
                    + base.getHost() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readSome(socket); // the headers and the opening comment: the stream is open
            sockets.add(socket);
        }
        return sockets;
    }

    private static void readSome(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        if (in.read(buffer) < 0) {
            throw new IOException("the server closed the stream at once");
        }
    }
}
