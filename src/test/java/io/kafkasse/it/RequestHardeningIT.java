package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.RawHttp;
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

    /**
     * An Accept weight that is not a number from 0 to 1: RESTEasy failed on it inside its own matching, where no mapper
     * of the service's sees it, and Open Liberty answered its HTML page (found by HostileRequestsIT).
     */
    @Test
    void anAcceptWeightThatIsNotANumberIsAProblemJsonOnEveryPath() throws Exception {
        String topic = kafka.createTopic("weights", 1);
        Await.until(WAIT, "no stream left open by an earlier test", () -> openStreams() == 0);
        for (String accept : List.of("text/event-stream;q=sh'%yd5r9/ocm$", "*/*;q=2", "text/html, application/x-ndjson;q=NaN",
                "SH'%yD5R9/OCm$;Q")) {
            for (String path : List.of("/v2/stream/" + topic, "/v2/streams", "/v2/nothing-here")) {
                HttpResponse<String> answer = send("GET", path, Map.of("Accept", accept));
                assertProblem(answer, 400, "invalid-accept");
                String range = accept.substring(accept.lastIndexOf(',') + 1).trim();
                assertEquals(range, Json.object(answer.body()).getString("accept"), answer.body());
                assertTrue(answer.headers().firstValue("X-Request-ID").isPresent(), answer.headers().toString());
            }
            HttpURLConnection head = head("/v2/stream/" + topic, Map.of("Accept", accept));
            assertEquals(400, head.getResponseCode());
            head.disconnect();
        }
        // Well-formed weights still choose the stream's type.
        HttpResponse<String> preferred = send("HEAD", "/v2/stream/" + topic,
                Map.of("Accept", "text/event-stream;q=0.1, application/x-ndjson;q=0.9"));
        assertEquals(200, preferred.statusCode());
        assertTrue(preferred.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"),
                preferred.headers().toString());
        assertEquals(0, openStreams());
    }

    /** Malformed headers a stream does not read (a body's type on a GET, languages, charsets) never fail it. */
    @Test
    void malformedHeadersAStreamDoesNotReadAreIgnoredOrAProblemJson() throws Exception {
        String topic = kafka.createTopic("other-headers", 1);
        List<Map<String, String>> cases = List.of(Map.of("Content-Type", "garbage"), Map.of("Content-Type", "a/b;q"),
                Map.of("Content-Type", "/"), Map.of("Content-Type", "text/plain;charset=\"unterminated"),
                Map.of("Accept-Language", "en;q=abc, *;q=2"), Map.of("Accept-Charset", "utf-8;q=x"),
                Map.of("Accept-Encoding", "gzip;q=zz"), Map.of("Content-Type", "application/json;q=2"));
        for (Map<String, String> headers : cases) {
            for (String path : List.of("/v2/stream/" + topic, "/v2/streams")) {
                HttpResponse<String> answer = send("HEAD", path, headers);
                String type = answer.headers().firstValue("Content-Type").orElse("");
                assertTrue(answer.statusCode() == 200 || answer.statusCode() >= 400 && answer.statusCode() < 500
                        && type.startsWith("application/problem+json"), headers + " on " + path + ": " + answer.statusCode() + " " + type);
            }
            HttpResponse<String> listed = send("GET", "/v2/streams", headers);
            assertTrue(listed.statusCode() == 200 || listed.statusCode() >= 400 && listed.statusCode() < 500
                    && listed.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    headers + ": " + listed.statusCode() + " " + listed.body());
        }
        // A cookie with bytes beyond ASCII: WildFly parsed it for a session nobody keeps, and failed with a 500. HTTP
        // does not allow those bytes: a container may refuse them itself (Payara Micro: 400), but never with a 5xx.
        for (String path : List.of("/v2/streams", "/v2/stream/" + topic + "?since=0")) {
            RawHttp.Answer cookie = RawHttp.send(base, "GET", path.getBytes(StandardCharsets.US_ASCII),
                    Map.of("Cookie", "a=\u00f4\u00e9; b=1"), WAIT);
            assertTrue(cookie.status() >= 200 && cookie.status() < 500, path + ": " + cookie.status() + " " + cookie.body());
        }
        Await.until(WAIT, "the stream a cookie opened closed", () -> openStreams() == 0);
        // A weight in a Content-Type fails RESTEasy as an Accept's does: refused the same way.
        HttpResponse<String> weighted = send("GET", "/v2/stream/" + topic, Map.of("Content-Type", "a/b;q"));
        assertProblem(weighted, 400, "invalid-content-type");
        assertEquals("a/b;q", Json.object(weighted.body()).getString("contentType"));
    }

    /** Without sse.allowed-topics (as here), the topics frameworks keep beside an application's are not served (issue 21). */
    @Test
    void frameworkTopicsAreNeitherServedNorListedAndAnswerAsTopicsThatDoNotExist() throws Exception {
        String id = Long.toHexString(System.nanoTime());
        List<String> framework = List.of("connect-" + id, "app" + id + "-store-changelog", "app" + id + "-KSTREAM-0001-repartition");
        for (String topic : framework) {
            kafka.createTopicNamed(topic, 1);
        }
        // A denied name that does not exist: the answer must not tell it from one that does.
        String absent = "connect-" + id + "-absent";
        HttpResponse<String> forAbsent = send("GET", "/v2/stream/" + absent, Map.of());
        assertProblem(forAbsent, 404, "unknown-stream");
        for (String topic : framework) {
            HttpResponse<String> refused = send("GET", "/v2/stream/" + topic, Map.of());
            assertProblem(refused, 404, "unknown-stream");
            assertEquals(forAbsent.body().replace(absent, topic), refused.body(), "the same answer as for a topic that does not exist");
        }
        String listed = send("GET", "/v2/streams", Map.of()).body();
        framework.forEach(topic -> assertTrue(!listed.contains(topic), topic + " listed: " + listed));
        assertEquals(0, openStreams());
    }

    @Test
    void whatTheContainerAnswersByItselfIsAProblemJsonToo() throws Exception {
        assertProblem(send("GET", "/no-such-page.html", Map.of()), 404, "not-found");
        // A malformed escape is refused by the container before it picks the WAR (Payara logs it and answers an empty
        // 200, the others a 400 of their own): no page of the service's can answer it, but it is never a stream.
        RawHttp.Answer malformed = RawHttp.send(base, "GET", "/v2/stream/%zz".getBytes(StandardCharsets.US_ASCII), Map.of(), WAIT);
        assertTrue(!malformed.contentType().startsWith("text/event-stream") && malformed.status() < 500,
                malformed.status() + " " + malformed.contentType() + " " + malformed.body());
        assertProblem(send("GET", "/problem", Map.of()), 404, "not-found");
        assertEquals(0, openStreams());
    }

    /**
     * However the path of a stream is encoded, the request is either a stream counted as one (so that the limits, ids
     * and logs apply) or a problem: never a 500, an HTML page, or a stream past the limits.
     */
    @Test
    void variantsOfAStreamPathAreCountedStreamsOrProblems() throws Exception {
        String topic = kafka.createTopic("variants", 1);
        List<String> variants = List.of("/v2/stream;x=1/" + topic, "/v2/%73tream/" + topic, "/v2//stream/" + topic,
                "/v2/./stream/" + topic, "/v2/stream/" + topic + ";jsessionid=1", "/v2;a=b/stream/" + topic,
                "/v2/stream/" + percentEncoded(topic), "/v2/nothing/../stream/" + topic);
        Await.until(WAIT, "no stream left open by an earlier test", () -> openStreams() == 0);
        int served = 0;
        for (String variant : variants) {
            try (SseClient client = SseClient.open(Deployments.uri(base, variant))) {
                if (client.status() == 200) {
                    client.awaitStart();
                    assertTrue(client.header("Content-Type").startsWith("text/event-stream"), variant);
                    assertEquals(1, openStreams(), variant + " is a stream the limits count");
                    served++;
                } else {
                    assertTrue(client.status() >= 400 && client.status() < 500, variant + ": " + client.status());
                    assertTrue(client.header("Content-Type").startsWith("application/problem+json"),
                            variant + ": " + client.header("Content-Type") + " " + client.errorBody());
                }
            }
            Await.until(WAIT, "the stream of " + variant + " closed", () -> openStreams() == 0);
        }
        assertTrue(served > 0, "no variant was served at all");
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format("%02X", b));
        }
        return encoded.toString();
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
