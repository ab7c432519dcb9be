package io.kafkasse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The {@code end} event's data, written by hand, is JSON with the reason, the detail and the retry. */
class StreamEndTest {

    @Test
    void theDataOfEveryEndIsJsonWithItsReasonDetailAndRetry() {
        for (StreamEnd end : StreamEnd.values()) {
            JsonObject data = Json.createReader(new StringReader(end.toJson(8312))).readObject();
            assertEquals(end.reason(), data.getString("reason"));
            assertEquals(8312, data.getInt("retry"));
            assertEquals(3, data.size(), data.toString());
            assertEquals(false, data.getString("detail").isBlank());
        }
    }

    @Test
    void sseFramingWritesTheEndEventWithItsIdAndRetry() {
        String frame = new String(SseFraming.INSTANCE.end("[{\"topic\":\"t\",\"partition\":0,\"offset\":5}]", 4000, StreamEnd.LIFETIME),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("event: end\nid: [{\"topic\":\"t\",\"partition\":0,\"offset\":5}]\nretry: 4000\ndata: "
                + StreamEnd.LIFETIME.toJson(4000) + "\n\n", frame);
    }
}
