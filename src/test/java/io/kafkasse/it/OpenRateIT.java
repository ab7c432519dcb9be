package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * {@code sse.limits.opens-per-second}: a burst of stream requests is let in at the configured pace (a second's worth at
 * once), the excess turned away with the retryable answer (an EventSource: 200, {@code retry:}, an {@code error}
 * event; any other client gets the same problem as a 503 with {@code Retry-After}, as for every connection limit:
 * ConnectionLimitsIT), while the streams already open go on; a client turned away that comes back is let in once the
 * rate allows.
 */
@RunAsClient
class OpenRateIT extends StreamingIT {

    private static final int PER_SECOND = 2;
    private static final int BURST = 30;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.limits.opens-per-second", Integer.toString(PER_SECOND)));
    }

    @Test
    void aBurstIsLetInAtTheRateTheRestAreToldToComeBackAndOpenStreamsGoOn() throws Exception {
        String topic = kafka.createTopic("rate", 1);
        List<SseClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            SseClient first = stream(topic).awaitStart();
            clients.add(first);

            long began = System.nanoTime();
            List<Future<SseClient>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                burst.add(pool.submit(() -> stream(topic)));
            }
            for (Future<SseClient> request : burst) {
                clients.add(request.get());
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            kafka.send(topic, 0, "k", "{\"n\":1}");

            assertEquals("message", first.next(WAIT).event(), "the stream open before the burst goes on");
            int admitted = 0;
            for (SseClient client : clients.subList(1, clients.size())) {
                assertEquals(200, client.status(), client.errorBody());
                SseEvent event = client.next(WAIT);
                if (event.event().equals("message")) {
                    admitted++;
                    continue;
                }
                assertEquals("error", event.event(), event.toString());
                JsonObject problem = Json.object(event.data());
                assertEquals("urn:kafka-sse:problem:connection-limit", problem.getString("type"));
                assertTrue(problem.getBoolean("retryable"));
                assertTrue(problem.getString("detail").contains("at most " + PER_SECOND + " streams a second"), event.data());
                assertNotNull(client.retry(), "retry: before the error event");
                Await.until(WAIT, "the refused answer to end", client::ended);
            }
            // The second's worth less the first stream's open, and what the rate gave back while the burst came in.
            double allowed = PER_SECOND - 1 + Math.ceil(PER_SECOND * seconds) + 1;
            assertTrue(admitted >= 1 && admitted <= allowed, admitted + " of " + BURST + " let in within " + seconds
                    + " s, at most " + allowed);

            // A client told to come back is let in once the rate has an open for it (refusals cost the rate nothing).
            SseClient back = Await.until(WAIT, "a client coming back to be let in", () -> comeBack(topic, clients), () -> "");
            kafka.send(topic, 0, "k", "{\"n\":2}");
            assertEquals("message", back.next(WAIT).event());
        } finally {
            pool.shutdownNow();
            clients.forEach(SseClient::close);
        }
    }

    /** One attempt of a client told to come back: its stream when it was let in, null when it was refused again. */
    private SseClient comeBack(String topic, List<SseClient> clients) {
        try {
            SseClient attempt = stream(topic);
            clients.add(attempt);
            // A stream that started writes a comment first; the refusal is retry:, one error event and the end.
            Await.until(WAIT, "the stream to start or be refused", () -> attempt.comments() >= 1 || attempt.ended());
            if (attempt.comments() >= 1) {
                return attempt;
            }
            assertEquals("error", attempt.next(WAIT).event());
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
