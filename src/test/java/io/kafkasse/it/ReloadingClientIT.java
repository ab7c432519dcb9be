package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * A client at its own limit that closes its streams and opens new ones at once, as a browser reloading a page does,
 * gets its new streams: the per-client limit counts only streams whose client is still there (issue 20). With a
 * heartbeat of a minute, as a deployment might have it, the streams it closed used to hold their places until then,
 * and the new ones were answered 429, 429, 429, which an EventSource never retries.
 */
@RunAsClient
class ReloadingClientIT extends StreamingIT {

    private static final int PER_CLIENT = 3;
    private static final Map<String, String> RELOADING = Map.of("X-Forwarded-For", "10.9.9.9");

    @Deployment(testable = false)
    static WebArchive war() {
        // Above the suite server's own -Dsse.heartbeat-interval=1s (ordinal 400), which would find the closed streams out.
        return Deployments.builtWar(Map.of(
                "sse.limits.per-client", Integer.toString(PER_CLIENT),
                "sse.limits.client-header", "X-Forwarded-For",
                "sse.heartbeat-interval", "60s"), 500);
    }

    @Test
    void aClientThatClosesItsStreamsAndOpensNewOnesAtOnceGetsThem() throws Exception {
        String topic = kafka.createTopic("reload", 1);
        for (int reload = 0; reload < 3; reload++) {
            List<SseClient> page = new ArrayList<>();
            for (int i = 0; i < PER_CLIENT; i++) {
                SseClient client = stream(topic, RELOADING);
                page.add(client);
                assertEquals(200, client.status(), "reload " + reload + ", stream " + i + ": " + client.errorBody());
                client.awaitStart();
            }
            kafka.send(topic, 0, null, "{\"reload\":" + reload + "}");
            for (SseClient client : page) {
                assertEquals(reload, Json.object(client.next(WAIT).data()).getInt("reload"), "admitted, not turned away");
            }
            page.forEach(SseClient::close);
        }
    }
}
