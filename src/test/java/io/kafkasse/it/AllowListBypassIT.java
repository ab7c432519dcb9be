package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.RawHttp;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * The allow-list cannot be bypassed (issue 21): a topic outside {@code sse.allowed-topics}, and Kafka's internal ones,
 * stay unreadable however a request names them: case, percent-encoding, whitespace, control characters, Unicode
 * look-alikes and other normal forms, dot segments and matrix parameters, lists that mix it with an allowed topic,
 * and {@code Last-Event-ID} or {@code last_event_id} (full or compact) naming it beside an allowed stream. Every
 * attempt is answered without a stream and without a byte of the secret topic; the allowed topic stays readable.
 */
@RunAsClient
class AllowListBypassIT extends StreamingIT {

    private static final String MARKER = "secret-marker-" + Long.toHexString(System.nanoTime());

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.allowed-topics", "public-*"));
    }

    @Test
    void noSpellingOfADisallowedTopicReadsIt() throws Exception {
        String open = kafka.createTopic("public", 1);
        String secret = kafka.createTopic("secret", 1);
        kafka.send(secret, 0, "k", "{\"m\":\"" + MARKER + "\"}");
        kafka.send(open, 0, "k", "{\"open\":true}");

        List<Attempt> attempts = attempts(open, secret);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            RawHttp.Answer answer = RawHttp.send(base, "GET", attempt.target(), attempt.headers(), WAIT);
            assertTrue(!answer.body().contains(MARKER), attempt + " read the secret topic: " + answer.body());
            boolean stream = answer.status() == 200 && answer.contentType().startsWith("text/event-stream");
            assertTrue(!stream || !answer.body().contains("\"topic\":\"" + secret), attempt + " streamed it");
            assertTrue(answer.status() != 200 || answer.body().isEmpty() && answer.contentType().isEmpty(),
                    attempt + " was answered " + answer.status() + " " + answer.contentType() + " " + answer.body());
            outcomes.merge(answer.status() + (answer.contentType().startsWith("application/problem+json") ? " problem" : ""),
                    1, Integer::sum);
        }
        System.out.println("AllowListBypassIT on " + Deployments.server() + ": " + attempts.size() + " attempts, " + outcomes);
        assertEquals(0, openStreams());

        try (SseClient allowed = stream(open + "?since=0").awaitStart()) {
            assertTrue(Json.object(allowed.next(WAIT).data()).getBoolean("open"), "the allowed topic is still readable");
        }
    }

    private record Attempt(String description, byte[] target, Map<String, String> headers) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static List<Attempt> attempts(String open, String secret) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(secret, secret.toUpperCase(Locale.ROOT),
                Character.toUpperCase(secret.charAt(0)) + secret.substring(1), " " + secret, secret + " ", secret + "\t",
                "\u0455" + secret.substring(1), // Cyrillic dze, a look-alike of s
                "\uff53" + secret.substring(1), // fullwidth s (NFKC folds it to s)
                "s\u0301" + secret.substring(1), // s and a combining accent
                secret.replace("-", "\u2010"), // a hyphen look-alike
                secret + "\u200b", // a zero-width space
                "__consumer_offsets", "__CONSUMER_OFFSETS", "_schemas", "public-*", "*", ".*", secret.replace("secret", "secret*"),
                "public-x/../" + secret, "./" + secret, open + "/../" + secret));
        for (String name : names) {
            attempts.add(get("name " + name, "/v2/stream/" + encode(name), Map.of()));
            attempts.add(get("list " + name, "/v2/stream/" + encode(open) + "," + encode(name), Map.of()));
        }
        // Raw spellings no encoder writes.
        attempts.add(get("percent-encoded", "/v2/stream/" + percentEncoded(secret), Map.of()));
        attempts.add(get("mixed encoding", "/v2/stream/%73" + secret.substring(1), Map.of()));
        attempts.add(get("NUL", "/v2/stream/" + secret + "%00", Map.of()));
        attempts.add(get("matrix", "/v2/stream;" + secret + "/" + open + "x", Map.of()));
        attempts.add(get("matrix name", "/v2/stream/" + secret + ";x=1", Map.of()));
        attempts.add(get("dot segments", "/v2/stream/x/../" + secret, Map.of()));
        attempts.add(get("encoded slash", "/v2/stream/x%2F..%2F" + secret, Map.of()));
        attempts.add(get("double slash", "/v2//stream//" + secret, Map.of()));
        // Positions naming it beside an allowed stream.
        String full = "[{\"topic\":\"" + secret + "\",\"partition\":0,\"offset\":0}]";
        String both = "[{\"topic\":\"" + open + "\",\"partition\":0,\"offset\":0},{\"topic\":\"" + secret + "\",\"partition\":0,\"offset\":0}]";
        String internal = "[{\"topic\":\"__consumer_offsets\",\"partition\":0,\"offset\":0}]";
        for (String id : List.of(full, both, internal, "{\"" + secret + "\":[0]}", "c1." + secret + ":0")) {
            attempts.add(get("Last-Event-ID " + id, "/v2/stream/" + open, Map.of("Last-Event-ID", id)));
            attempts.add(get("last_event_id " + id, "/v2/stream/" + open + "?last_event_id=" + encode(id), Map.of()));
        }
        // Random case flips and escapes of the secret's name.
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            StringBuilder name = new StringBuilder();
            for (char c : secret.toCharArray()) {
                int roll = random.nextInt(4);
                name.append(roll == 0 ? String.format("%%%02X", (int) c) : roll == 1 ? Character.toUpperCase(c) : c);
            }
            attempts.add(get("spelled " + name, "/v2/stream/" + name, Map.of()));
        }
        return attempts;
    }

    private static Attempt get(String description, String target, Map<String, String> headers) {
        return new Attempt(description, target.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", b));
        }
        return encoded.toString();
    }
}
