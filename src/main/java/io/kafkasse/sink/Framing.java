package io.kafkasse.sink;

import java.io.ByteArrayOutputStream;

import io.kafkasse.error.StreamProblem;

/** How a stream's pieces are written on the wire: as SSE, or as newline-delimited JSON. */
public interface Framing {

    /** The response's content type. */
    String contentType();

    /** The first bytes, written as soon as the stream opens so that the client sees the headers. */
    byte[] opening(long retryMillis);

    /** A note that is not an event (SSE comments); nothing in formats without comments. */
    byte[] notice(String text);

    void message(ByteArrayOutputStream out, byte[] id, EncodedData data);

    /** The notice of a record that is not sent ({@link EventChannel#skipped}). */
    void skipped(ByteArrayOutputStream out, byte[] id, EncodedData data);

    byte[] heartbeat();

    /** The last piece of a failed stream: the problem, and where to resume when the format can say so. */
    byte[] error(String id, long retryMillis, StreamProblem problem);

    /** The last piece of a stream ended on purpose: where to resume and when to come back, when the format can say so. */
    byte[] end(String id, long retryMillis, StreamEnd reason);
}
