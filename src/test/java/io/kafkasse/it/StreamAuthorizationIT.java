package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.BearerTokens;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.SseEvent;
import io.kafkasse.it.support.StreamingIT;

/**
 * Who may read which stream: named streams and topic globs need roles from a MicroProfile JWT bearer token, sent in
 * the Authorization header, a configured cookie or (when enabled) the access_token parameter; a missing or refused
 * token is a 401 with a Bearer challenge, a token without the role a 403, and neither tells a protected name from one
 * that does not exist. A stream ends with a token-expired error event when its token does, and resumes from it.
 */
class StreamAuthorizationIT extends StreamingIT {

    private static final String ORDERS = "authz-orders";
    private static final String NEWS = "authz-news";
    private static final String SECRET = "authz-secret-ledger";
    private static final String COOKIE = "sse_token";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.ofEntries(
                Map.entry("sse.allowed-topics", "authz-*"),
                Map.entry("sse.streams.orders.topics", ORDERS),
                Map.entry("sse.streams.orders.roles", "ops,audit"),
                Map.entry("sse.streams.news.topics", NEWS),
                Map.entry("sse.auth.topic-roles", "authz-secret-*=ops"),
                Map.entry("sse.auth.admin-role", "admin"),
                Map.entry("sse.auth.cookie", COOKIE),
                Map.entry("sse.auth.query-parameter", "true"),
                Map.entry("sse.connections.visible", "true"),
                Map.entry("mp.jwt.verify.publickey", BearerTokens.jwks()),
                Map.entry("mp.jwt.verify.issuer", BearerTokens.ISSUER),
                Map.entry("mp.jwt.verify.audiences", BearerTokens.AUDIENCE)));
    }

    @BeforeAll
    static void createTopics() throws Exception {
        kafka.createTopicNamed(ORDERS, 1);
        kafka.createTopicNamed(NEWS, 1);
        kafka.createTopicNamed(SECRET, 1);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Opens a stream, reads one record produced after it started, and closes it. */
    private void readsOneRecord(String path, Map<String, String> headers, String topic) throws Exception {
        try (SseClient client = stream(path, headers)) {
            assertEquals(200, client.status(), () -> path + ": " + client.errorBody());
            client.awaitStart();
            String marker = "m" + System.nanoTime();
            kafka.send(topic, 0, null, "{\"marker\":\"" + marker + "\"}");
            assertEquals(marker, Json.object(client.next(WAIT).data()).getString("marker"));
        }
    }

    private JsonObject refused(String path, Map<String, String> headers, int status) throws Exception {
        try (SseClient client = stream(path, headers)) {
            assertEquals(status, client.status(), () -> path + ": " + client.errorBody());
            assertTrue(client.header("Content-Type").startsWith("application/problem+json"), client.header("Content-Type"));
            assertTrue(client.header("WWW-Authenticate").startsWith("Bearer realm=\"kafka-sse\""), client.header("WWW-Authenticate"));
            return Json.object(client.errorBody());
        }
    }

    @Test
    void aStreamWithoutARuleIsPublicAndATokenSentAlongDoesNoHarm() throws Exception {
        readsOneRecord("news", Map.of(), NEWS);
        readsOneRecord("news", bearer("not.a.token"), NEWS);
    }

    @Test
    void aProtectedStreamWithoutATokenIs401WithABearerChallenge() throws Exception {
        JsonObject problem = refused("orders", Map.of(), 401);
        assertEquals("urn:kafka-sse:problem:unauthorized", problem.getString("type"));
        assertEquals(401, problem.getInt("status"));
        assertFalse(problem.getBoolean("retryable"));
    }

    @Test
    void aNameThatDoesNotExistGetsTheSameAnswersAsAForbiddenOne() throws Exception {
        JsonObject forbidden = refused("orders", Map.of(), 401);
        JsonObject unknown = refused("authz-nothing-here", Map.of(), 401);
        assertEquals(forbidden.toString().replace("orders", "NAME"), unknown.toString().replace("authz-nothing-here", "NAME"));

        Map<String, String> viewer = bearer(BearerTokens.token("vic", "viewer"));
        JsonObject forbidden403 = refused("orders", viewer, 403);
        JsonObject unknown403 = refused("authz-nothing-here", viewer, 403);
        assertEquals("urn:kafka-sse:problem:forbidden", forbidden403.getString("type"));
        assertEquals(forbidden403.toString().replace("orders", "NAME"), unknown403.toString().replace("authz-nothing-here", "NAME"));
    }

    @Test
    void aRefusedTokenIs401WithTheReasonAndNeverQuotesTheToken() throws Exception {
        String stranger = BearerTokens.signByStranger(BearerTokens.claims("eve", List.of("ops"), BearerTokens.ISSUER,
                BearerTokens.AUDIENCE, Instant.now().plusSeconds(600)));
        JsonObject problem = refused("orders", bearer(stranger), 401);
        assertEquals("urn:kafka-sse:problem:invalid-token", problem.getString("type"));
        assertFalse(problem.toString().contains(stranger.split("\\.")[2]), problem.toString());
        try (SseClient client = stream("orders", bearer(stranger))) {
            assertTrue(client.header("WWW-Authenticate").contains("error=\"invalid_token\""), client.header("WWW-Authenticate"));
        }

        String expired = BearerTokens.token("ana", List.of("ops"), Instant.now().minusSeconds(60));
        assertEquals("urn:kafka-sse:problem:token-expired", refused("orders", bearer(expired), 401).getString("type"));

        String otherAudience = BearerTokens.sign("RS256", BearerTokens.RSA_KID, BearerTokens.claims("ana", List.of("ops"),
                BearerTokens.ISSUER, "another-api", Instant.now().plusSeconds(600)));
        assertEquals("urn:kafka-sse:problem:invalid-token", refused("orders", bearer(otherAudience), 401).getString("type"));
        assertEquals("urn:kafka-sse:problem:invalid-token",
                refused("orders", bearer(BearerTokens.unsigned(BearerTokens.claims("ana", List.of("ops"), BearerTokens.ISSUER,
                        BearerTokens.AUDIENCE, Instant.now().plusSeconds(600)))), 401).getString("type"));
    }

    @Test
    void aTokenWithOneOfTheRolesReadsFromTheHeaderTheCookieOrTheQueryParameter() throws Exception {
        String token = BearerTokens.token("ana", "audit");
        readsOneRecord("orders", bearer(token), ORDERS);
        readsOneRecord("orders", Map.of("Cookie", COOKIE + "=" + token), ORDERS);
        readsOneRecord("orders?access_token=" + token, Map.of(), ORDERS);
        String ec = BearerTokens.sign("ES256", BearerTokens.EC_KID, BearerTokens.claims("ana", List.of("ops"),
                BearerTokens.ISSUER, BearerTokens.AUDIENCE, Instant.now().plusSeconds(600)));
        readsOneRecord("orders", bearer(ec), ORDERS);
    }

    @Test
    void aTopicOfAProtectedStreamOrUnderATopicRuleNeedsTheRoleByItsOwnNameToo() throws Exception {
        refused(ORDERS, Map.of(), 401);
        refused(SECRET, Map.of(), 401);
        refused(SECRET, bearer(BearerTokens.token("ana", "audit")), 403);
        readsOneRecord(SECRET, bearer(BearerTokens.token("olga", "ops")), SECRET);
        readsOneRecord(ORDERS, bearer(BearerTokens.token("ana", "audit")), ORDERS);
        // One protected name in a request is enough to need the token.
        refused("news," + ORDERS, Map.of(), 401);
    }

    @Test
    void malformedCredentialsAreA401NeverAServerError() throws Exception {
        for (Map<String, String> headers : List.of(
                Map.of("Authorization", "Bearer"),
                Map.of("Authorization", "Basic dXNlcjpwYXNz"),
                Map.of("Authorization", "Bearer a.b.c"),
                Map.of("Authorization", "Bearer " + BearerTokens.b64("{\"alg\":\"RS256\"}") + ".%%%.sig"),
                Map.of("Authorization", "bearer " + "e30.".repeat(1000) + "x"),
                Map.of("Cookie", COOKIE + "=; ;;=;$Version=1"),
                Map.of("Cookie", COOKIE + "=\"unterminated"))) {
            assertEquals(401, refused("orders", headers, 401).getInt("status"), headers.toString());
        }
    }

    @Test
    void aHeadRequestIsAnsweredAsItsGetWouldBe() throws Exception {
        for (String method : List.of("HEAD")) {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) Deployments.uri(base, "/v2/stream/orders")
                    .toURL().openConnection();
            connection.setRequestMethod(method);
            assertEquals(401, connection.getResponseCode());
            assertTrue(connection.getHeaderField("WWW-Authenticate").startsWith("Bearer"));
            connection.disconnect();
        }
    }

    @Test
    void aStreamEndsWithATokenExpiredEventWhenItsTokenExpiresAndResumesWithAFreshOne() throws Exception {
        // 8 s: the two records must arrive before it expires; with 4 s a loaded machine (a CI run beside another build)
        // once saw the expiry first.
        String shortLived = BearerTokens.token("ana", List.of("ops"), Instant.now().plusSeconds(8));
        String lastId;
        try (SseClient client = stream("orders", bearer(shortLived))) {
            assertEquals(200, client.status(), client::errorBody);
            client.awaitStart();
            kafka.send(ORDERS, 0, null, "{\"n\":1}");
            assertEquals(1, Json.object(client.next(WAIT).data()).getInt("n"));
            kafka.send(ORDERS, 0, null, "{\"n\":2}");
            assertEquals(2, Json.object(client.next(WAIT).data()).getInt("n"));
            SseEvent end = client.next(WAIT);
            assertEquals("error", end.event(), end::toString);
            JsonObject problem = Json.object(end.data());
            assertEquals("urn:kafka-sse:problem:token-expired", problem.getString("type"));
            lastId = end.id();
            assertTrue(lastId != null && !lastId.isEmpty(), "the error event carries the id to resume from");
        }
        // Records produced while the client fetches a fresh token: it resumes with none lost and none repeated.
        kafka.send(ORDERS, 0, null, "{\"n\":3}");
        kafka.send(ORDERS, 0, null, "{\"n\":4}");
        Map<String, String> resume = Map.of("Authorization", "Bearer " + BearerTokens.token("ana", "ops"), "Last-Event-ID", lastId);
        try (SseClient client = stream("orders", resume)) {
            assertEquals(200, client.status(), client::errorBody);
            assertEquals(List.of(3, 4), client.next(2, WAIT).stream().map(e -> Json.object(e.data()).getInt("n")).toList());
            assertOnlySentinelsFollow(client, null, "", ORDERS);
        }
        Deployments.Response metrics = Deployments.get(base, "/v2/metrics", bearer(BearerTokens.token("root", "admin")));
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("kafkasse_connections_closed_total")
                && line.contains("reason=\"token_expired\"") && !line.endsWith(" 0.0")), metrics.body());
    }

    @Test
    void theOperationsEndpointsNeedTheAdminRole() throws Exception {
        for (String path : List.of("/v2/stats", "/v2/metrics", "/v2/connections")) {
            Deployments.Response anonymous = Deployments.get(base, path);
            assertEquals(401, anonymous.status(), path);
            assertTrue(anonymous.contentType().startsWith("application/problem+json"), path);
            assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"), path);
            assertEquals(403, Deployments.get(base, path, bearer(BearerTokens.token("olga", "ops"))).status(), path);
            assertEquals(200, Deployments.get(base, path, bearer(BearerTokens.token("root", "admin"))).status(), path);
        }
    }

    @Test
    void theConnectionsListNamesTheCallerOfAProtectedStream() throws Exception {
        try (SseClient client = stream("orders", bearer(BearerTokens.token("carla", "audit")))) {
            assertEquals(200, client.status(), client::errorBody);
            client.awaitStart();
            Map<String, String> admin = bearer(BearerTokens.token("root", "admin"));
            Await.until(WAIT, "carla's stream in /v2/connections", () -> listsCaller(admin, "carla", "orders"));
        }
    }

    private boolean listsCaller(Map<String, String> admin, String caller, String stream) {
        try {
            return Json.object(Deployments.get(base, "/v2/connections", admin).body()).getJsonArray("connections").stream()
                    .map(c -> c.asJsonObject())
                    .anyMatch(c -> caller.equals(c.getString("caller", null))
                            && c.getJsonArray("streams").getString(0).equals(stream));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theListOfStreamsShowsOnlyWhatTheCallerMayRead() throws Exception {
        JsonObject anonymous = Json.object(Deployments.get(base, "/v2/streams").body());
        assertEquals(Set.of("news"), names(anonymous));
        assertFalse(topics(anonymous).contains(ORDERS));
        assertFalse(topics(anonymous).contains(SECRET));
        assertTrue(topics(anonymous).contains(NEWS));
        assertEquals(COOKIE, anonymous.getJsonObject("auth").getString("cookie"));

        JsonObject ops = Json.object(Deployments.get(base, "/v2/streams", bearer(BearerTokens.token("olga", "ops"))).body());
        assertEquals(Set.of("news", "orders"), names(ops));
        assertTrue(topics(ops).containsAll(List.of(ORDERS, SECRET, NEWS)), ops.toString());
        assertEquals("olga", ops.getJsonObject("auth").getString("caller"));
    }

    @Test
    void aTokenInTheQueryIsNeverWrittenToTheLogOrAnAnswer() throws Exception {
        String token = BearerTokens.token("ana", "viewer");
        String signature = token.split("\\.")[2];
        JsonObject problem = refused("orders?access_token=" + token, Map.of(), 403);
        assertFalse(problem.toString().contains(signature));
        readsOneRecord("news?access_token=" + token, Map.of(), NEWS);
        String connections = Deployments.get(base, "/v2/connections", bearer(BearerTokens.token("root", "admin"))).body();
        assertFalse(connections.contains(signature), connections);
        Path log = Path.of(System.getProperty("it.suite.dir", "target/suite")).resolve(Deployments.server() + ".log");
        assertTrue(Files.isRegularFile(log), "the suite server's log at " + log);
        assertFalse(Files.readString(log).contains(signature), "the token in the server's log");
    }

    private static Set<String> names(JsonObject streams) {
        return streams.getJsonArray("streams").stream().map(s -> s.asJsonObject().getString("name")).collect(Collectors.toSet());
    }

    private static List<String> topics(JsonObject streams) {
        return streams.getJsonArray("topics").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
