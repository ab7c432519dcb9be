package io.kafkasse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Asks the server's health endpoint as an orchestrator's probe does, and finds the service's own check in the answer. */
public final class HealthProbe {

    private HealthProbe() {
    }

    /** The status of {@code /health/<kind>} now: 200 (UP), 503 (DOWN), or -1 when it does not answer. */
    public static int status(String kind) {
        try {
            return ask(kind).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The {@code kafka-sse} check of {@code /health/<kind>}, after asserting the answer's status (200 UP, 503 DOWN). */
    public static JsonObject check(String kind, int expectedStatus) throws Exception {
        Deployments.Response answer = ask(kind);
        assertEquals(expectedStatus, answer.status(), "/health/" + kind + ": " + answer.body());
        return Json.object(answer.body()).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("kafka-sse"))
                .findFirst().orElseThrow(() -> new AssertionError("no kafka-sse check in " + answer.body()));
    }

    /** One probe, as an orchestrator's: it gives up on a server that does not answer within seconds. */
    private static Deployments.Response ask(String kind) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) Deployments.health(kind).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(20_000);
        try {
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Deployments.Response(status, connection.getContentType(), body, connection.getHeaderFields());
            }
        } finally {
            connection.disconnect();
        }
    }
}
