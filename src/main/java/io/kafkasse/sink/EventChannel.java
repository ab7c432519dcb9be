package io.kafkasse.sink;

import io.kafkasse.error.StreamProblem;

/**
 * One client's event stream, as the thread that serves it sees it. Only that thread writes to it.
 */
public interface EventChannel extends AutoCloseable {

    /** Sends the headers and a first comment at once, so the client's {@code open} fires before any record exists. */
    void start(String initialId);

    boolean isStarted();

    /** A note for the client that is not an event, such as a requested position that had to be moved. */
    void notice(String text);

    /** False once the client went away (noticed when a write fails) or the stream was closed. */
    boolean isOpen();

    void message(String id, String data);

    /** A message whose data is shared with other clients; a channel that writes bytes itself uses its encoded form. */
    default void message(String id, EncodedData data) {
        message(id, data.text());
    }

    /**
     * A {@code skipped} event in place of a record that is not sent (too large): its data says which record and why,
     * its id is past the record, so that a client knows what it did not get and resumes after it.
     */
    void skipped(String id, EncodedData data);

    /**
     * Whether writes return at once whatever the client does (they queue, up to a limit), so that one thread may write
     * to many channels in turn; false when a write may wait for the client.
     */
    default boolean neverBlocks() {
        return false;
    }

    /**
     * Sends what earlier messages queued. A stream calls it after each batch of records, so that a channel that
     * coalesces writes one batch at once; channels that write each event at once have nothing left to do.
     */
    default void flush() {
    }

    /**
     * True while the client has not taken what was written: a stream should stop reading records for it until
     * {@link #whenWritable} calls back, instead of queueing more. Channels whose writes block are never backlogged.
     */
    default boolean isBacklogged() {
        return false;
    }

    /** Bytes written for the client that it has not taken yet, held by the channel (the global memory bound). */
    default long unsentBytes() {
        return 0;
    }

    /** How long the channel has been backlogged without a pause; 0 when it is not. */
    default long backloggedNanos() {
        return 0;
    }

    /** What to call when a backlogged channel can take more. */
    default void whenWritable(Runnable callback) {
    }

    /**
     * Waits, on a thread that may wait (a stream's own poll loop), until the channel is no longer backlogged; ends with
     * a too-slow problem when the client takes nothing for the write timeout.
     */
    default void awaitWritable() {
    }

    /** A comment that keeps proxies from closing an idle stream and reveals a client that went away. */
    void heartbeat();

    /** Ends the stream with an {@code error} event carrying the problem and the id to resume from. */
    void fail(StreamProblem problem);

    /**
     * Ends the stream with an {@code error} event whose id is {@code resumeId}, past a record the stream passed over
     * for the problem (a channel without ids ignores it); what was written so far still goes out first.
     */
    default void fail(StreamProblem problem, String resumeId) {
        fail(problem);
    }

    /**
     * Ends a healthy stream on purpose (the server drains, the stream reached its lifetime): what was written still
     * goes out, then an {@code end} event with the id to resume from and {@code retry:}, then the response ends.
     *
     * @param retryMillis when the client should come back: at a stop, past the moment the server is gone
     */
    void finish(String resumeId, StreamEnd reason, long retryMillis);

    @Override
    void close();

    /**
     * Ends the response now, even with an error event still waiting for a slow client: for a server that stops, whose
     * timers (which would end it later) stop with it.
     */
    default void closeNow() {
        close();
    }
}
