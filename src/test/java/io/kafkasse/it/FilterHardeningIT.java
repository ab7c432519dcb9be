package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * Hostile key patterns (issue 20): a pattern that would keep the delivery threads busy without reading a character is
 * refused before its stream starts, and the most work a pattern may ask for leaves every other client served.
 */
class FilterHardeningIT extends StreamingIT {

    /** Repeats an empty group about 4.6 * 10^18 times: before the bound, eight of these stalled every client for 5 s. */
    private static final String EMPTY_LOOP = "(?:(?:){2147483647}){2147483647}";
    /**
     * About the largest program allowed (243 of 250 instructions), of the kind RE2/J runs slowest (every repetition of
     * .* alive at each byte), then a character no key here has.
     */
    private static final String HEAVIEST_ALLOWED = "(?:.*){120}z";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void aPatternRepeatingAnEmptyGroupBeyondCountingIsABadRequest() throws Exception {
        String topic = kafka.createTopic("empty-loop", 1);
        try (SseClient client = stream(topic + "?key=" + encode(EMPTY_LOOP))) {
            assertEquals(400, client.status());
            assertTrue(client.header("Content-Type").startsWith("application/problem+json"), client.header("Content-Type"));
            JsonObject problem = Json.object(client.errorBody());
            assertEquals("urn:kafka-sse:problem:invalid-filter", problem.getString("type"));
            assertEquals("key", problem.getString("parameter"));
            assertTrue(problem.getString("detail").contains("repeats too much"), problem.getString("detail"));
        }
    }

    @Test
    void clientsWithTheHeaviestAllowedPatternLeaveOthersServed() throws Exception {
        String filtered = kafka.createTopic("heavy-pattern", 1);
        String other = kafka.createTopic("bystander", 1);
        List<SseClient> heavy = new ArrayList<>();
        try (SseClient bystander = stream(other).awaitStart()) {
            for (int i = 0; i < 8; i++) {
                heavy.add(stream(filtered + "?key=" + encode(HEAVIEST_ALLOWED)).awaitStart());
            }
            for (int i = 0; i < 100; i++) {
                kafka.sendAsync(filtered, 0, "k".repeat(1_000) + i, "{\"n\":" + i + "}");
            }
            kafka.send(filtered, 0, "z", "{\"n\":\"z\"}");
            kafka.send(other, 0, null, "{\"bystander\":true}");

            assertTrue(Json.object(bystander.next(WAIT).data()).getBoolean("bystander"));
            for (SseClient client : heavy) {
                // None of the 100 long keys matches: the first event is the record keyed "z".
                assertEquals("z", Json.object(client.next(WAIT).data()).getString("n"));
            }
        } finally {
            heavy.forEach(SseClient::close);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
