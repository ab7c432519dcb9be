package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.HealthProbe;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.OwnServer;
import io.kafkasse.it.support.StreamingIT;

/**
 * What the server itself answers for the service, so read on a server with this WAR alone: MicroProfile Health as an
 * orchestrator probes it (ready while Kafka answers and streams are taken; live while the delivery threads go round),
 * and the API description as each server's MicroProfile OpenAPI serves it at {@code /openapi}: the same operations,
 * parameters and answers on every server, with this deployment's streams and their topics.
 */
@OwnServer
@RunAsClient
class HealthAndOpenApiIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.streams.orders.topics", "orders-eu,orders-us",
                "sse.streams.changes.topics", "recentchange"));
    }

    @Test
    void readyWhenKafkaAnswersAndStreamsAreTaken() throws Exception {
        // As an orchestrator probes: the first answer may come while the server is still busy starting (the suite
        // server starts beside it) and its first question to Kafka takes longer than the check's 2 s.
        // Up to 40 s: a clean-clone CI run once needed more than 20 s (this server took 45 s to boot beside the suite's).
        Await.until(Duration.ofSeconds(40), "the server to be ready", () -> HealthProbe.status("ready") == 200);
        JsonObject check = HealthProbe.check("ready", 200);
        assertEquals("UP", check.getString("status"));
        assertEquals("answers", check.getJsonObject("data").getString("kafka"));
        assertEquals("taken", check.getJsonObject("data").getString("streams"));
    }

    @Test
    void liveWhileTheDeliveryThreadsGoRound() throws Exception {
        JsonObject check = HealthProbe.check("live", 200);
        assertEquals("UP", check.getString("status"));
        assertEquals("making progress", check.getJsonObject("data").getString("delivery-threads"));
        // Payara writes number data as a JSON string: read either.
        assertEquals("0", check.getJsonObject("data").get("unexpectedFailures").toString().replace("\"", ""));
        assertEquals("none", check.getJsonObject("data").getString("lastUnexpectedFailure"));
    }

    @Test
    void describesEveryEndpointOfTheApi() throws Exception {
        JsonObject paths = document().getJsonObject("paths");

        for (String path : List.of("/v2/stream/{streams}", "/v2/streams", "/v2/stats", "/v2/metrics", "/v2/connections")) {
            assertNotNull(paths.getJsonObject(path), path + " in " + paths.keySet());
            assertNotNull(paths.getJsonObject(path).getJsonObject("get"), "GET " + path);
        }
        assertTrue(paths.getJsonObject("/v2/metrics").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").keySet().stream().anyMatch(type -> type.startsWith("text/plain")));
    }

    @Test
    void describesTheStreamRequestWithItsParametersAndProblemAnswers() throws Exception {
        JsonObject document = document();
        JsonObject stream = document.getJsonObject("paths").getJsonObject("/v2/stream/{streams}").getJsonObject("get");

        JsonArray parameters = stream.getJsonArray("parameters");
        Map<String, String> where = new java.util.TreeMap<>();
        parameters.getValuesAs(JsonObject.class).forEach(p -> where.put(p.getString("name"), p.getString("in")));
        assertEquals(Map.of("streams", "path", "Last-Event-ID", "header", "last_event_id", "query", "since", "query",
                "key", "query", "match.field", "query", "X-Request-ID", "header"), where);
        JsonObject responses = stream.getJsonObject("responses");
        assertTrue(responses.getJsonObject("200").getJsonObject("content").containsKey("text/event-stream"));
        for (String status : List.of("400", "404", "429", "503")) {
            assertNotNull(responses.getJsonObject(status), status);
        }
        JsonObject problem = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertTrue(problem.getJsonObject("properties").keySet().containsAll(List.of("type", "title", "status", "detail", "retryable")));
        String retryLater = document.getJsonObject("components").getJsonObject("responses").getJsonObject("RetryLater")
                .getJsonObject("content").keySet().toString();
        assertTrue(retryLater.contains("application/problem+json"), retryLater);
    }

    @Test
    void listsTheConfiguredStreamsWithTheirTopics() throws Exception {
        JsonObject document = document();

        JsonObject streams = document.getJsonObject("x-kafka-sse-streams");
        assertNotNull(streams, "x-kafka-sse-streams in " + document.keySet());
        assertEquals(List.of("orders-eu", "orders-us"), strings(streams.getJsonArray("orders")));
        assertEquals(List.of("recentchange"), strings(streams.getJsonArray("changes")));
        JsonObject parameter = document.getJsonObject("paths").getJsonObject("/v2/stream/{streams}").getJsonObject("get")
                .getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("streams")).findFirst().orElseThrow();
        assertTrue(parameter.getString("description").contains("orders (orders-eu, orders-us)"), parameter.getString("description"));
    }

    /**
     * The document as JSON, from the root of the server's HTTP port, with its paths relative to the deployment: WildFly
     * merges every deployment into one document and so writes each path with its context root in front
     * ({@code /kafka-sse/v2/streams}); Payara Micro and Liberty put the context root in {@code servers}.
     */
    private JsonObject document() throws Exception {
        URI uri = base.toURI().resolve("/openapi");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject document = Json.object(answer.body());
        String contextRoot = base.getPath().replaceAll("/$", "");
        jakarta.json.JsonObjectBuilder paths = jakarta.json.Json.createObjectBuilder();
        document.getJsonObject("paths").forEach((path, item) ->
                paths.add(!contextRoot.isEmpty() && path.startsWith(contextRoot + "/") ? path.substring(contextRoot.length()) : path, item));
        return jakarta.json.Json.createObjectBuilder(document).add("paths", paths).build();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonValue.class).stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }
}
