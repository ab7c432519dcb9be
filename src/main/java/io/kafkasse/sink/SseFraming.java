package io.kafkasse.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.kafkasse.error.StreamProblem;

/** Server-Sent Events: the one place that writes SSE fields for the coalescing writer. */
public final class SseFraming implements Framing {

    public static final SseFraming INSTANCE = new SseFraming();

    private static final byte[] EVENT_MESSAGE_ID = "event: message\nid: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_SKIPPED_ID = "event: skipped\nid: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFraming() {
    }

    @Override
    public String contentType() {
        return "text/event-stream";
    }

    @Override
    public byte[] opening(long retryMillis) {
        // Unlike the JAX-RS sink, the reconnect delay can go with the opening comment: the client knows it at once.
        return (": ok\nretry: " + retryMillis + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] notice(String text) {
        return (": " + text.replace('\n', ' ').replace('\r', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void message(ByteArrayOutputStream out, byte[] id, EncodedData data) {
        event(out, EVENT_MESSAGE_ID, id, data);
    }

    @Override
    public void skipped(ByteArrayOutputStream out, byte[] id, EncodedData data) {
        event(out, EVENT_SKIPPED_ID, id, data);
    }

    /** {@code event: <name>\nid: <id>\n} then the data's encoded lines. */
    private static void event(ByteArrayOutputStream out, byte[] eventAndIdField, byte[] id, EncodedData data) {
        out.write(eventAndIdField, 0, eventAndIdField.length);
        out.write(id, 0, id.length);
        out.write('\n');
        byte[] lines = data.sseLines();
        out.write(lines, 0, lines.length);
    }

    @Override
    public byte[] heartbeat() {
        return HEARTBEAT;
    }

    @Override
    public byte[] error(String id, long retryMillis, StreamProblem problem) {
        StringBuilder event = new StringBuilder("event: error\n");
        if (id != null) {
            event.append("id: ").append(id).append('\n');
        }
        event.append("retry: ").append(retryMillis).append('\n')
                .append("data: ").append(problem.toJson()).append("\n\n");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] end(String id, long retryMillis, StreamEnd reason) {
        return ("event: end\nid: " + id + "\nretry: " + retryMillis + "\ndata: " + reason.toJson(retryMillis) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
