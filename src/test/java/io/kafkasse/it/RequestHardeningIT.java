package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * Hostile requests (issue 20): what a request that is not a plain stream GET leaves behind, and what it is told. A
 * {@code HEAD} of a stream used to run the GET, whose body the container discards, so the stream never learnt its
 * client had left; paths, methods and types no resource takes got each server's HTML page.
 */
class RequestHardeningIT extends StreamingIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void headOfAStreamAnswersAStreamsHeadersAndOpensNothing() throws Exception {
        String topic = kafka.createTopic("head", 1);
        for (int i = 0; i < 20; i++) {
            HttpURLConnection head = head("/v2/stream/" + topic, Map.of());
            assertEquals(200, head.getResponseCode());
            assertTrue(head.getContentType().startsWith("text/event-stream"), head.getContentType());
            assertEquals("no-cache", head.getHeaderField("Cache-Control"));
            head.disconnect();
        }
        HttpURLConnection json = head("/v2/stream/" + topic, Map.of("Accept", "application/x-ndjson"));
        assertEquals(200, json.getResponseCode());
        assertTrue(json.getContentType().startsWith("application/x-ndjson"), json.getContentType());
        json.disconnect();
        assertEquals(0, openStreams(), "streams opened by HEAD requests");

        try (SseClient client = stream(topic).awaitStart()) {
            assertEquals(1, openStreams(), "a GET still opens its stream");
            kafka.send(topic, 0, null, "{\"n\":1}");
            assertEquals(1, Json.object(client.next(WAIT).data()).getInt("n"));
        }
    }

    @Test
    void headOfAStreamIsCheckedAsItsGetWouldBe() throws Exception {
        HttpURLConnection unknown = head("/v2/stream/no-such-topic-" + System.nanoTime(), Map.of());
        assertEquals(404, unknown.getResponseCode());
        unknown.disconnect();
        HttpURLConnection badId = head("/v2/stream/anything", Map.of("Last-Event-ID", "not an id"));
        assertEquals(400, badId.getResponseCode());
        badId.disconnect();
        assertEquals(0, openStreams());
    }

    @Test
    void whatNoResourceTakesIsAProblemJsonNotTheServersHtmlPage() throws Exception {
        String topic = kafka.createTopic("refused", 1);
        assertProblem(send("GET", "/v2/nothing-here", Map.of()), 404, "not-found");
        HttpResponse<String> post = send("POST", "/v2/stream/" + topic, Map.of());
        assertProblem(post, 405, "method-not-allowed");
        assertTrue(post.headers().firstValue("Allow").orElse("").contains("GET"), post.headers().toString());
        assertProblem(send("DELETE", "/v2/streams", Map.of()), 405, "method-not-allowed");
        assertProblem(send("GET", "/v2/stream/" + topic, Map.of("Accept", "text/html")), 406, "not-acceptable");
        assertEquals(0, openStreams());
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Deployments.uri(base, path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(WAIT);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertEquals(status, answer.statusCode(), answer.body());
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), contentType + ": " + answer.body());
        JsonObject problem = Json.object(answer.body());
        assertEquals("urn:kafka-sse:problem:" + type, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
    }

    private HttpURLConnection head(String path, Map<String, String> headers) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) Deployments.uri(base, path).toURL().openConnection();
        connection.setRequestMethod("HEAD");
        headers.forEach(connection::setRequestProperty);
        return connection;
    }
}
