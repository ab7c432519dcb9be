package io.kafkasse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.HttpURLConnection;
import java.io.InputStream;
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
            HttpURLConnection connection = (HttpURLConnection) Deployments.health(kind).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(20_000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The {@code kafka-sse} check of {@code /health/<kind>}, after asserting the answer's status (200 UP, 503 DOWN). */
    public static JsonObject check(String kind, int expectedStatus) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) Deployments.health(kind).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(20_000);
        try {
            int status = connection.getResponseCode();
            String body;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(expectedStatus, status, "/health/" + kind + ": " + body);
            JsonObject answer = Json.object(body);
            return answer.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> check.getString("name").equals("kafka-sse"))
                    .findFirst().orElseThrow(() -> new AssertionError("no kafka-sse check in " + body));
        } finally {
            connection.disconnect();
        }
    }
}
