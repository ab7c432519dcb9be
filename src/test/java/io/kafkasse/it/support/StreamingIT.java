package io.kafkasse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every integration test class shares: the broker (through {@link TestKafka}), the deployment's URL, the
 * waiting times, and the check that nothing the service did left a consumer group on the broker.
 */
@StreamingTest
public abstract class StreamingIT {

    /** The longest a test waits for something that should happen. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected static TestKafka kafka;

    @ArquillianResource
    protected URL base;

    @BeforeAll
    static void connectToKafka() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void noConsumerGroupWasCreated() throws Exception {
        try {
            assertEquals(List.of(), List.copyOf(kafka.groups()), "consumer groups on the broker");
        } finally {
            kafka.close();
        }
    }

    /** Opens {@code /v2/stream/<pathAndQuery>} as an EventSource would. */
    protected SseClient stream(String pathAndQuery) throws Exception {
        return stream(pathAndQuery, Map.of());
    }

    protected SseClient stream(String pathAndQuery, Map<String, String> headers) throws Exception {
        return SseClient.open(Deployments.uri(base, "/v2/stream/" + pathAndQuery), headers);
    }

    /**
     * Proves that nothing more arrives on the stream: sends a sentinel record to every partition of the topics and
     * asserts that the next events are those sentinels, and only them ({@link Sentinels}).
     */
    protected void assertNothingMoreArrives(SseClient client, String... topics) throws Exception {
        assertOnlySentinelsFollow(client, null, "", topics);
    }

    /** As {@link #assertNothingMoreArrives}, with sentinels keyed {@code key} and carrying {@code fields} (for filters). */
    protected void assertOnlySentinelsFollow(SseClient client, String key, String fields, String... topics) throws Exception {
        List<String> sent = new ArrayList<>();
        for (String topic : topics) {
            sent.addAll(kafka.sendSentinels(topic, key, fields));
        }
        List<String> data = client.next(sent.size(), WAIT).stream().map(SseEvent::data).toList();
        assertEquals(sent.stream().sorted().toList(), Sentinels.markersIn(data).stream().sorted().toList(),
                "the next events are the sentinels: nothing else came before them");
    }

    /** Kafka consumers the server holds right now, from {@code /v2/stats}. */
    protected int liveConsumers() {
        return stat("liveConsumers");
    }

    /** Streams the server is serving right now, from {@code /v2/stats}. */
    protected int openStreams() {
        return stat("openStreams");
    }

    /** The service's metrics right now, from {@code /v2/metrics} (answered 200). */
    protected PrometheusText scrape() {
        try {
            Deployments.Response answer = Deployments.get(base, "/v2/metrics");
            assertEquals(200, answer.status(), answer.body());
            return PrometheusText.parse(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Scraping /v2/metrics failed", e);
        }
    }

    private int stat(String name) {
        try {
            return Json.object(Deployments.get(base, "/v2/stats").body()).getInt(name);
        } catch (Exception e) {
            throw new IllegalStateException("Reading /v2/stats failed", e);
        }
    }
}
