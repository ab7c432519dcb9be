package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.RawHttp;
import io.kafkasse.it.support.StreamingIT;

/**
 * Thousands of generated hostile requests at the live endpoint (issue 20): random bytes, invalid UTF-8, values of a
 * megabyte, deep nesting, numbers huge, negative and fractional, thousands of names, patterns built to backtrack, and
 * every encoding of a stream's path. Each ends within a bounded time in a stream or a 4xx problem+json; none is a
 * 5xx, an HTML page or a stack trace; afterwards no stream and no consumer is left open. A request the container
 * refuses before the WAR sees it (a request line or header over its size limits, an escape it cannot decode) cannot
 * get the service's problem+json: those are counted apart, and must still be 4xx and never a stream or a 5xx.
 * The seed is printed; {@code -Dfuzz.seed} and {@code -Dfuzz.cases} replay or widen a run.
 */
@RunAsClient
class HostileRequestsIT extends StreamingIT {

    private static final int CASES = Integer.getInteger("fuzz.cases", 2_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Duration PER_REQUEST = Duration.ofSeconds(15);
    /** Beyond these the containers refuse a request themselves (Grizzly 8 KB, Undertow and Liberty about as much). */
    private static final int CONTAINER_LINE_LIMIT = 4_000;

    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    private static final String[] PATTERNS = {"(a+)+$", "(?:(?:){2147483647}){2147483647}", "(.*a){20}", "((a{1000}){1000}){1000}",
        "(a|b)*\\1", "(?=x)", "[", "(?:.*){120}z", "\\p{Lu}+", "a{,5}", "(?i)ORDER-\\d+", "x".repeat(300), "(((((((((())))))))))"};
    private static final String[] SINCES = {"0", "-1", "1e309", "99999999999999999999999", "1.5", "-0", "NaN", "2026-13-45T99:99:99Z",
        "2026-12-06T00:00:00Z", "now", "", " ", "9223372036854775807", "-9223372036854775808", "1" + "0".repeat(5_000)};

    private static final String[] OTHER_HEADERS = {"Authorization", "Cookie", "Origin", "X-Forwarded-For", "Accept-Language",
        "Accept-Charset", "Accept-Encoding", "Range", "If-None-Match", "If-Modified-Since", "Access-Control-Request-Method",
        "Access-Control-Request-Headers", "Forwarded", "Expect", "Cache-Control", "User-Agent"};
    private static final String[] OTHER_VALUES = {"Bearer", "Bearer ", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.", "Basic Og==",
        "=;=;", "a=\"b", "null", "http://", "*", ",,,", "unknown, 10.0.0.1, ", "en;q=abc", "bytes=-", "bytes=0-99999999999999999999",
        "\"\"", "Thu, 99 Foo 2026", "100-continue", "chunked", "no-cache;q=x", "for=\"[::1]:x\"", "x".repeat(4_000)};

    /** The operators' resources: their answers are not streams, and their queries must be as harmless. */
    private static final String[] OPERATIONS = {"stats", "connections", "metrics"};

    private String topic;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("sse.limits.per-client", "50"));
    }

    @Test
    void everyHostileRequestEndsInAStreamOrAProblemAndLeavesNothingBehind() throws Exception {
        topic = kafka.createTopic("fuzz", 2);
        for (int i = 0; i < 20; i++) {
            kafka.send(topic, i % 2, "k" + i, "{\"n\":" + i + ",\"meta\":{\"domain\":\"d" + i % 3 + "\"}}");
        }
        int consumersBefore = liveConsumers();
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(generate(random));
        }

        Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong slowest = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Case c : cases) {
                done.add(pool.submit(() -> {
                    String outcome;
                    try {
                        RawHttp.Answer answer = RawHttp.send(base, c.method(), c.target(), c.headers(), PER_REQUEST);
                        slowest.accumulateAndGet(answer.millis(), Math::max);
                        outcome = judge(c, answer);
                    } catch (IOException e) {
                        outcome = "failure: no answer within " + PER_REQUEST + ": " + e;
                    }
                    if (outcome.startsWith("failure")) {
                        failures.add(outcome + " for " + c);
                    } else {
                        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("HostileRequestsIT on " + Deployments.server() + ": " + CASES + " cases (seed " + SEED + "): "
                + outcomes + ", slowest answer " + slowest.get() + " ms, " + failures.size() + " failures");
        failures.stream().limit(20).forEach(failure -> System.out.println("HostileRequestsIT failure: " + failure));
        assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " failed (seed " + SEED + "), first: "
                + failures.subList(0, Math.min(5, failures.size())));
        Await.until(WAIT, "every stream closed", () -> openStreams() == 0);
        Await.until(WAIT, "no consumer beyond the feeds'", () -> liveConsumers() <= Math.max(consumersBefore, 1) + 2);

        // Still serving: a plain client gets a record produced after the storm.
        try (var client = stream(topic + "?since=0").awaitStart()) {
            assertEquals(0, Json.object(client.next(WAIT).data()).getInt("n"));
        }
    }

    /** A label for an acceptable answer, or a text starting with "failure". */
    private static String judge(Case c, RawHttp.Answer answer) {
        int status = answer.status();
        String type = answer.contentType();
        if (status >= 500 || status == 0 && !c.oversized()) {
            return "failure: " + status + " " + type + " " + abbreviate(answer.body());
        }
        if (status == 200 && c.containerLevel() && answer.body().isEmpty() && type.isEmpty()) {
            return "container 200 (empty)"; // Payara Micro's answer to a malformed escape, before any application
        }
        if (status == 200 && !c.underApi() && type.startsWith("text/")) {
            return "static page"; // the console and its files, outside /v2
        }
        if (status == 200 && c.operations()) {
            return "operations " + status;
        }
        if (status == 200 || status == 204) {
            boolean stream = type.startsWith("text/event-stream") || type.startsWith("application/x-ndjson")
                    || type.startsWith("application/json");
            return stream || c.method().equals("OPTIONS") || c.method().equals("HEAD") ? "ok " + status
                    : "failure: 200 that is not a stream: " + type + " " + abbreviate(answer.body());
        }
        if (status >= 400 && status < 500) {
            if (type.startsWith("application/problem+json")) {
                if (!c.method().equals("HEAD")) {
                    JsonObject problem = Json.object(answer.body());
                    if (problem.getInt("status") != status || !problem.getString("type").startsWith("urn:kafka-sse:problem:")) {
                        return "failure: a problem that does not match its status: " + answer.body();
                    }
                    if (answer.body().contains("Exception") || answer.body().contains("\tat ")) {
                        return "failure: a stack trace in the problem: " + answer.body();
                    }
                }
                return "problem " + status;
            }
            if (c.method().equals("HEAD") && answer.body().isEmpty()) {
                return "problem " + status + " (HEAD)";
            }
            return c.containerLevel() ? "container " + status : "failure: " + status + " not problem+json: " + type + " "
                    + abbreviate(answer.body());
        }
        if (status == 0) {
            return "container closed"; // an oversized request the container cut off
        }
        if (status >= 300 && status < 400 && !c.underApi()) {
            return "redirect " + status; // Liberty sends /ctx/;x (a path parameter on the root) to /ctx/
        }
        return "failure: unexpected status " + status;
    }

    private record Case(String method, byte[] target, Map<String, String> headers, boolean oversized, boolean badEscape) {

        /**
         * Whether the container may refuse it before the WAR sees it: too large, a malformed escape, a header value
         * with bytes HTTP does not allow there (controls, or bytes beyond ASCII), or an expectation it does not know.
         */
        boolean containerLevel() {
            // An expectation other than 100-continue: a server may refuse it with a 417 (RFC 9110), Payara Micro does
            // before any application sees the request.
            boolean unknownExpectation = headers.containsKey("Expect") && !headers.get("Expect").equalsIgnoreCase("100-continue");
            return oversized || badEscape || unknownExpectation || headers.values().stream().anyMatch(Case::illegalInHeader)
                    || escapedInPath().matches("(?is).*%(0[0-9a-f]|1[0-9a-f]|7f|2f|5c).*");
        }

        /** Whether the path is one of the operators' resources (statistics, connections, metrics). */
        boolean operations() {
            String path = escapedInPath();
            for (String resource : OPERATIONS) {
                if (path.equals("/v2/" + resource)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the path is under /v2 (the API), else the deployment's static files. */
        boolean underApi() {
            return escapedInPath().startsWith("/v2/") || escapedInPath().startsWith("/v2;") || escapedInPath().equals("/v2");
        }

        /** The path part of the target, before the query. Containers refuse escaped controls, slashes and backslashes. */
        private String escapedInPath() {
            String text = new String(target, StandardCharsets.ISO_8859_1);
            int query = text.indexOf('?');
            return query < 0 ? text : text.substring(0, query);
        }

        private static boolean illegalInHeader(String value) {
            return value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f);
        }

        @Override
        public String toString() {
            String text = new String(target, StandardCharsets.ISO_8859_1);
            // The headers' values too (shortened), so that a failure can be replayed by hand.
            StringBuilder named = new StringBuilder();
            headers.forEach((name, value) -> named.append(' ').append(name).append(": ").append(abbreviate(value)));
            return method + " " + abbreviate(text) + named;
        }
    }

    private Case generate(Random random) {
        String method = METHODS[random.nextInt(METHODS.length)];
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        boolean badEscape;
        int shape = random.nextInt(12);
        String path = switch (shape) {
            case 0 -> "/v2/stream/" + topic;
            case 1 -> "/v2/stream/" + names(random);
            case 2 -> "/v2/stream;x=" + random.nextInt(9) + "/" + topic;
            case 3 -> "/v2/%73tream/" + topic;
            case 4 -> "/v2//stream/./" + topic;
            case 5 -> "/v2/stream/" + topic + "%2F..%2Fstats";
            case 6 -> "/v2/" + encode(randomText(random, 20));
            case 7 -> "/" + encode(randomText(random, 10));
            case 8 -> "/v2/streams";
            case 9, 10 -> "/v2/" + OPERATIONS[random.nextInt(OPERATIONS.length)];
            default -> "/v2/stream/" + topic + "," + topic;
        };
        target.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        // An encoded slash: some containers refuse it before any application sees it.
        badEscape = shape == 5;
        if (random.nextInt(8) == 0) {
            // Raw bytes that are not UTF-8 nor escaped, or a malformed escape.
            if (random.nextBoolean()) {
                target.writeBytes(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff});
            } else {
                target.writeBytes("%zz%C3%".getBytes(StandardCharsets.US_ASCII));
            }
            badEscape = true;
        }
        target.writeBytes(query(random).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(6)) {
            case 0 -> headers.put("Last-Event-ID", lastEventId(random));
            case 1 -> headers.put("Accept", switch (random.nextInt(3)) {
                case 0 -> "text/html";
                case 1 -> "text/event-stream;" + (random.nextBoolean() ? "q" : "Q") + (random.nextBoolean() ? "=" : "")
                        + headerText(random, 6); // a weight, mostly malformed
                default -> headerText(random, 30);
            });
            case 2 -> headers.put("Accept", "application/x-ndjson");
            case 3 -> headers.put("X-Request-ID", headerText(random, 200));
            case 4 -> headers.put("Content-Type", random.nextBoolean() ? "a/b;q" + headerText(random, 6) : headerText(random, 30));
            default -> { }
        }
        if (random.nextInt(3) == 0) {
            // Headers the service reads in passing (tokens, cookies, CORS, the client address) or the runtimes may.
            String name = OTHER_HEADERS[random.nextInt(OTHER_HEADERS.length)];
            headers.putIfAbsent(name, random.nextBoolean() ? headerText(random, 60) : OTHER_VALUES[random.nextInt(OTHER_VALUES.length)]);
        }
        if (random.nextInt(40) == 0) {
            headers.put("Last-Event-ID", "[".repeat(100_000 + random.nextInt(1_000_000)));
        }
        int lineLength = target.size() + headers.values().stream().mapToInt(String::length).max().orElse(0);
        return new Case(method, target.toByteArray(), headers, lineLength > CONTAINER_LINE_LIMIT, badEscape);
    }

    private String names(Random random) {
        int count = switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(3);
            case 1 -> 60 + random.nextInt(10);
            case 2 -> 1_000 + random.nextInt(2_000);
            default -> 5;
        };
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                names.append(',');
            }
            names.append(random.nextInt(5) == 0 ? topic : "orders-" + Long.toHexString(random.nextLong()));
        }
        return names.toString();
    }

    private static String query(Random random) {
        StringBuilder query = new StringBuilder();
        int parameters = random.nextInt(4);
        for (int i = 0; i < parameters; i++) {
            query.append(i == 0 ? '?' : '&');
            switch (random.nextInt(6)) {
                case 0 -> query.append("key=").append(encode(PATTERNS[random.nextInt(PATTERNS.length)]));
                case 1 -> query.append("since=").append(encode(SINCES[random.nextInt(SINCES.length)]));
                case 2 -> query.append("last_event_id=").append(encode(lastEventId(random)));
                case 3 -> query.append("match.meta.domain=").append(encode(random.nextBoolean() ? "d1" : randomText(random, 2_000)));
                case 4 -> query.append("match.").append(".".repeat(random.nextInt(3))).append("=").append(encode(randomText(random, 5)));
                default -> query.append(encode(randomText(random, 8))).append('=').append(encode(randomText(random, 8)));
            }
        }
        return query.toString();
    }

    private static String lastEventId(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "[{\"topic\":\"fuzz\",\"partition\":0,\"offset\":" + (random.nextBoolean() ? "-5" : "1e400") + "}]";
            case 1 -> "[" + "[".repeat(random.nextInt(5_000)) + "]";
            case 2 -> "[{\"topic\":\"__consumer_offsets\",\"partition\":0,\"offset\":0}]";
            case 3 -> "[{\"topic\":\"fuzz\",\"partition\":99999,\"offset\":0}]";
            case 4 -> "c1." + randomText(random, 40);
            case 5 -> "{\"a\":" + "{\"a\":".repeat(random.nextInt(3_000)) + "1" + "}".repeat(3_000);
            case 6 -> "[{\"topic\":\"fuzz\",\"partition\":0.5,\"offset\":99999999999999999999}]";
            default -> headerText(random, 100);
        };
    }

    /**
     * A header value: mostly printable ASCII, which reaches the application; one in ten of every kind (controls and
     * bytes beyond ASCII, which containers refuse before any application sees them).
     */
    private static String headerText(Random random, int maxLength) {
        if (random.nextInt(10) == 0) {
            return randomText(random, maxLength).replace('\r', ' ').replace('\n', ' ');
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    /** Characters of every kind: ASCII, controls, quotes, non-ASCII letters, lone surrogates. */
    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            char c = switch (kind) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\<>{}[]%;,/?#&=+".charAt(random.nextInt(17));
                case 2 -> (char) (0x80 + random.nextInt(0x700));
                case 3 -> (char) (0xd800 + random.nextInt(0x800));
                default -> (char) (0x21 + random.nextInt(0x5e));
            };
            text.append(c);
        }
        return text.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
