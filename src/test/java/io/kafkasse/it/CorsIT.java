package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.kafkasse.it.support.Browser;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.PageServer;
import io.kafkasse.it.support.StreamingIT;

/**
 * CORS: a page of an allowed origin reads the API from its browser, streams included (checked in a real headless
 * Chromium); a page of any other origin gets nothing it can read.
 */
@RunAsClient
class CorsIT extends StreamingIT {

    /** The origin of the test's page, which the deployment lists: a fixed port, free on every machine this runs on. */
    private static final PageServer ALLOWED_PAGE = PageServer.onPort(Integer.getInteger("it.cors.page.port", 18097));
    /** A page of an origin the deployment does not list. */
    private static final PageServer FOREIGN_PAGE = PageServer.onPort(Integer.getInteger("it.cors.foreign-page.port", 18098));
    private static final String OTHER_ALLOWED = "https://console.example.com";
    private static final String FOREIGN = "https://elsewhere.example.org";

    /**
     * A page that opens the stream named in its query with the browser's own EventSource and keeps what it receives
     * where the test can read it.
     */
    private static final String EVENT_SOURCE_PAGE = """
            <!doctype html><meta charset="utf-8"><title>cors</title>
            <script>
              window.received = [];
              window.errors = 0;
              const source = new EventSource(new URLSearchParams(location.search).get('stream'));
              window.source = source;
              source.onmessage = e => window.received.push({ id: e.lastEventId, data: JSON.parse(e.data) });
              source.onerror = () => window.errors++;
            </script>
            """;

    private static Browser browser;

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.cors.allowed-origins", ALLOWED_PAGE.origin() + "," + OTHER_ALLOWED));
    }

    /** One browser for the class, launched by its first browser test; each browser test opens its own page. */
    private static Browser browser() {
        if (browser == null) {
            browser = Browser.launch();
        }
        return browser;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAllowedOriginMayReadAnswersAndTheHeadersAClientNeeds() throws Exception {
        HttpResponse<String> answer = get("/v2/streams", OTHER_ALLOWED);

        assertEquals(200, answer.statusCode());
        assertEquals(OTHER_ALLOWED, header(answer, "Access-Control-Allow-Origin"));
        assertTrue(answer.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), answer.headers().toString());
        String exposed = header(answer, "Access-Control-Expose-Headers");
        assertTrue(exposed.contains("X-Request-ID") && exposed.contains("Retry-After"), exposed);
        assertNull(header(answer, "Access-Control-Allow-Credentials"), "no credentials unless configured");
    }

    @Test
    void anErrorAnswerCarriesTheHeadersToo() throws Exception {
        HttpResponse<String> answer = get("/v2/stream/no-such-stream", OTHER_ALLOWED);

        assertEquals(404, answer.statusCode());
        assertEquals(OTHER_ALLOWED, header(answer, "Access-Control-Allow-Origin"));
        assertEquals(404, Json.object(answer.body()).getInt("status"));
    }

    /** A request refused before JAX-RS sees it (a malformed Accept weight) is readable by the page too. */
    @Test
    void aRequestRefusedForItsHeadersCarriesTheHeadersToo() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(Deployments.uri(base, "/v2/stream/anything"))
                .header("Origin", OTHER_ALLOWED).header("Accept", "text/event-stream;q=x").build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("urn:kafka-sse:problem:invalid-accept", Json.object(answer.body()).getString("type"));
        assertEquals(OTHER_ALLOWED, header(answer, "Access-Control-Allow-Origin"), answer.headers().toString());
        assertTrue(header(answer, "Access-Control-Expose-Headers").contains("X-Request-ID"), answer.headers().toString());
        assertTrue(answer.headers().firstValue("X-Request-ID").isPresent(), answer.headers().toString());
    }

    @Test
    void aStreamCarriesTheHeadersWhicheverWriterServesIt() throws Exception {
        String topic = kafka.createTopic("cors-stream", 1);
        HttpRequest request = HttpRequest.newBuilder(Deployments.uri(base, "/v2/stream/" + topic))
                .header("Origin", OTHER_ALLOWED).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            assertEquals(200, answer.statusCode());
            assertTrue(header(answer, "Content-Type").startsWith("text/event-stream"));
            assertEquals(OTHER_ALLOWED, header(answer, "Access-Control-Allow-Origin"));
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithWhatAnEventSourceSends() throws Exception {
        HttpResponse<String> answer = preflight(OTHER_ALLOWED);

        assertEquals(204, answer.statusCode());
        assertEquals(OTHER_ALLOWED, header(answer, "Access-Control-Allow-Origin"));
        assertTrue(header(answer, "Access-Control-Allow-Methods").contains("GET"));
        String headers = header(answer, "Access-Control-Allow-Headers");
        assertTrue(headers.contains("Last-Event-ID") && headers.contains("X-Request-ID"), headers);
        assertTrue(Integer.parseInt(header(answer, "Access-Control-Max-Age")) > 0);
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaderAndItsPreflightIsRefused() throws Exception {
        HttpResponse<String> answer = get("/v2/streams", FOREIGN);
        assertEquals(200, answer.statusCode(), "the answer itself is the same: the browser keeps it from the page");
        assertNull(header(answer, "Access-Control-Allow-Origin"));

        HttpResponse<String> refused = preflight(FOREIGN);
        assertEquals(403, refused.statusCode());
        assertNull(header(refused, "Access-Control-Allow-Origin"));
        JsonObject problem = Json.object(refused.body());
        assertEquals("urn:kafka-sse:problem:origin-not-allowed", problem.getString("type"));
    }

    @Test
    void aPageOfAnAllowedOriginReceivesEventsInItsBrowsersEventSource() throws Exception {
        String topic = kafka.createTopic("cors-browser", 2);
        try (PageServer page = ALLOWED_PAGE.serve(EVENT_SOURCE_PAGE)) {
            Page tab = browser().newPage();
            tab.navigate(page.origin() + "/?stream=" + Deployments.uri(base, "/v2/stream/" + topic));
            tab.waitForFunction("window.source.readyState === 1", null, new Page.WaitForFunctionOptions().setTimeout(WAIT.toMillis()));

            for (int seq = 1; seq <= 5; seq++) {
                kafka.send(topic, seq % 2, "k" + seq, "{\"seq\":" + seq + "}");
            }
            tab.waitForFunction("window.received.length >= 5", null, new Page.WaitForFunctionOptions().setTimeout(WAIT.toMillis()));

            @SuppressWarnings("unchecked")
            List<Object> seqs = (List<Object>) tab.evaluate("window.received.map(e => e.data.seq).sort((a, b) => a - b)");
            assertEquals(List.of(1, 2, 3, 4, 5), seqs);
            String lastId = (String) tab.evaluate("window.received[window.received.length - 1].id");
            assertTrue(lastId.contains(topic), "the page reads the resumable id: " + lastId);
            assertEquals(0, ((Number) tab.evaluate("window.errors")).intValue());
        }
    }

    @Test
    void aPageOfAnotherOriginGetsNothingAndItsEventSourceCloses() throws Exception {
        String topic = kafka.createTopic("cors-refused", 1);
        try (PageServer page = FOREIGN_PAGE.serve(EVENT_SOURCE_PAGE)) {
            Page tab = browser().newPage();
            tab.navigate(page.origin() + "/?stream=" + Deployments.uri(base, "/v2/stream/" + topic));

            tab.waitForFunction("window.source.readyState === 2", null, new Page.WaitForFunctionOptions().setTimeout(WAIT.toMillis()));
            assertEquals(0, ((Number) tab.evaluate("window.received.length")).intValue());
            Object fetched = tab.evaluate("fetch('" + Deployments.uri(base, "/v2/streams") + "').then(() => 'read', e => 'refused')");
            assertEquals("refused", fetched);
        }
    }

    private HttpResponse<String> get(String path, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(Deployments.uri(base, path)).header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(Deployments.uri(base, "/v2/stream/anything"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id")
                .timeout(Duration.ofSeconds(20))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }
}
