package io.kafkasse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class RetryFrameTest {

    private static final JsonObject PROBLEM = StreamProblem.kafkaUnavailable(null).toJson();

    @Test
    void theDelayThenOneErrorEventWithTheProblemAndTheClientsId() {
        String id = "[{\"topic\":\"orders\",\"partition\":0,\"offset\":43}]";
        assertEquals("retry: 6250\n"
                        + "event: error\n"
                        + "id: " + id + "\n"
                        + "data: " + PROBLEM + "\n"
                        + "\n",
                RetryFrame.of(6250, Optional.of(id), PROBLEM));
    }

    @Test
    void noIdLineWhenTheClientGaveNone() {
        // An EventSource then keeps the last id it had, instead of forgetting it for an empty one.
        assertEquals("retry: 5000\nevent: error\ndata: " + PROBLEM + "\n\n", RetryFrame.of(5000, Optional.empty(), PROBLEM));
    }

    @Test
    void theProblemStaysOnOneDataLineWhateverItsText() {
        JsonObject problem = Json.createObjectBuilder(PROBLEM).add("detail", "two\nlines\r\nand more").build();
        String frame = RetryFrame.of(5000, Optional.empty(), problem);
        String[] lines = frame.split("\n", -1);
        // retry, event, data, the blank line that dispatches the event, and the nothing after the last line break
        assertEquals(5, lines.length, frame);
        assertEquals("data: " + problem, lines[2]);
        assertEquals(problem, Json.createReader(new StringReader(lines[2].substring("data: ".length()))).readObject());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertEquals(5, RetryFrame.retryAfterSeconds(5000));
        assertEquals(6, RetryFrame.retryAfterSeconds(5001));
        assertEquals(7, RetryFrame.retryAfterSeconds(6999));
        assertEquals(1, RetryFrame.retryAfterSeconds(1));
        assertEquals(1, RetryFrame.retryAfterSeconds(0));
    }
}
