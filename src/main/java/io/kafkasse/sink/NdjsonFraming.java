package io.kafkasse.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.kafkasse.error.StreamProblem;

/**
 * Newline-delimited JSON, for clients that ask for {@code application/x-ndjson} or {@code application/json}: one JSON
 * value per line, no ids (each value's {@code _kafka} says where it came from), an empty line as the heartbeat (one
 * is written first so the headers leave at once), and a failure as a last line {@code {"_error":{...problem...}}}, a record too large as {@code {"_skipped":{...}}}.
 */
public final class NdjsonFraming implements Framing {

    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] NOTHING = {};
    private static final byte[] SKIPPED = "{\"_skipped\":".getBytes(StandardCharsets.US_ASCII);

    private final String contentType;

    public NdjsonFraming(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public byte[] opening(long retryMillis) {
        return NEWLINE;
    }

    @Override
    public byte[] notice(String text) {
        return NOTHING; // NDJSON has no comments: notes about moved positions are for SSE clients only.
    }

    @Override
    public void message(ByteArrayOutputStream out, byte[] id, EncodedData data) {
        out.write(data.sseLines(), EncodedData.textOffset(), data.textLength());
        out.write('\n');
    }

    /** {@code {"_skipped":{...}}}: a line of its own shape, as the failure's, never taken for a record's value. */
    @Override
    public void skipped(ByteArrayOutputStream out, byte[] id, EncodedData data) {
        out.write(SKIPPED, 0, SKIPPED.length);
        out.write(data.sseLines(), EncodedData.textOffset(), data.textLength());
        out.write('}');
        out.write('\n');
    }

    @Override
    public byte[] heartbeat() {
        return NEWLINE;
    }

    @Override
    public byte[] error(String id, long retryMillis, StreamProblem problem) {
        return ("{\"_error\":" + problem.toJson() + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] end(String id, long retryMillis, StreamEnd reason) {
        // A line of another shape would break readers that take every line for a record: the stream just ends, and
        // the client resumes after the last record it read (last_event_id).
        return NOTHING;
    }
}
