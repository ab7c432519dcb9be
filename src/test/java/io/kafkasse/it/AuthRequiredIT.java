package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.BearerTokens;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.Json;
import io.kafkasse.it.support.SseClient;
import io.kafkasse.it.support.StreamingIT;

/**
 * {@code sse.auth.required=true}: every stream needs a valid token, with any role when no rule names one; the token is
 * read from the Authorization header only (no cookie configured, the access_token parameter not enabled), and the
 * operations endpoints stay open (no admin role configured). The key is read from a file ({@code .location}).
 */
class AuthRequiredIT extends StreamingIT {

    private static final String TOPIC = "authreq-events";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of(
                "sse.allowed-topics", "authreq-*",
                "sse.auth.required", "true",
                "mp.jwt.verify.publickey.location", BearerTokens.publicKeyFile().toString(),
                "mp.jwt.verify.issuer", BearerTokens.ISSUER));
    }

    @BeforeAll
    static void createTopic() throws Exception {
        kafka.createTopicNamed(TOPIC, 1);
    }

    @Test
    void aStreamWithoutARuleNeedsAValidTokenWithAnyRole() throws Exception {
        try (SseClient client = stream(TOPIC)) {
            assertEquals(401, client.status());
            assertEquals("urn:kafka-sse:problem:unauthorized", Json.object(client.errorBody()).getString("type"));
        }
        try (SseClient client = stream(TOPIC, Map.of("Authorization", "Bearer " + BearerTokens.token("nina")))) {
            assertEquals(200, client.status(), client::errorBody);
            client.awaitStart();
            kafka.send(TOPIC, 0, null, "{\"n\":7}");
            assertEquals(7, Json.object(client.next(WAIT).data()).getInt("n"));
        }
    }

    @Test
    void theQueryParameterAndCookiesAreNotReadUnlessTheOperatorEnablesThem() throws Exception {
        String token = BearerTokens.token("nina");
        try (SseClient client = stream(TOPIC + "?access_token=" + token)) {
            assertEquals(401, client.status());
            assertFalse(client.errorBody().contains(token.split("\\.")[2]));
        }
        try (SseClient client = stream(TOPIC, Map.of("Cookie", "Bearer=" + token + "; sse_token=" + token))) {
            assertEquals(401, client.status());
        }
    }

    @Test
    void theListOfStreamsIsEmptyWithoutATokenAndTheOperationsEndpointsStayOpen() throws Exception {
        JsonObject anonymous = Json.object(Deployments.get(base, "/v2/streams").body());
        assertTrue(anonymous.getJsonArray("topics").isEmpty(), anonymous.toString());
        assertTrue(anonymous.getJsonObject("auth").getBoolean("required"));
        JsonObject nina = Json.object(Deployments.get(base, "/v2/streams",
                Map.of("Authorization", "Bearer " + BearerTokens.token("nina"))).body());
        assertTrue(nina.getJsonArray("topics").toString().contains(TOPIC), nina.toString());
        assertEquals(200, Deployments.get(base, "/v2/stats").status());
    }
}
