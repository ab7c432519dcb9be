package io.kafkasse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Asks the server's health endpoint as an orchestrator's probe does, and finds the service's own check in the answer. */
public final class HealthProbe {

    private HealthProbe() {
    }

    /** The {@code kafka-sse} check of {@code /health/<kind>}, after asserting the answer's status (200 UP, 503 DOWN). */
    public static JsonObject check(String kind, int expectedStatus) throws Exception {
        List<JsonObject> checks = checks(kind, expectedStatus);
        if (checks.isEmpty()) {
            throw new AssertionError("no kafka-sse check in /health/" + kind);
        }
        return checks.get(0);
    }

    /**
     * Every {@code kafka-sse} check of {@code /health/<kind>} (one per deployment of the service: the suite server has
     * many), after asserting the answer's status (200 UP, 503 DOWN).
     */
    public static List<JsonObject> checks(String kind, int expectedStatus) throws Exception {
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
            return Json.object(body).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> check.getString("name").equals("kafka-sse"))
                    .toList();
        } finally {
            connection.disconnect();
        }
    }
}
