package io.kafkasse.sink;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.kafkasse.error.StreamProblem;

/**
 * An {@link EventChannel} over the standard JAX-RS {@link SseEventSink}. It remembers the id of the last event so
 * that an error can tell the client where to resume, and notices a vanished client when a write fails or times out.
 */
public final class SseEventChannel implements EventChannel {

    static final String MESSAGE = "message";
    static final String ERROR = "error";
    static final String END = "end";
    static final String SKIPPED = "skipped";

    private static final Logger LOG = Logger.getLogger(EventChannel.class.getName());

    private final SseEventSink sink;
    private final Sse sse;
    private final Duration writeTimeout;
    private final long retryMillis;
    private volatile boolean started;
    private volatile boolean open = true;
    private String lastId;
    private boolean retrySent;

    /**
     * @param retryMillis the reconnect delay sent to the client with the first event
     */
    public SseEventChannel(SseEventSink sink, Sse sse, Duration writeTimeout, long retryMillis) {
        this.sink = sink;
        this.sse = sse;
        this.writeTimeout = writeTimeout;
        this.retryMillis = retryMillis;
    }

    @Override
    public void start(String initialId) {
        lastId = initialId;
        started = true;
        write(sse.newEventBuilder().comment("ok").build());
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public void notice(String text) {
        write(sse.newEventBuilder().comment(text.replace('\n', ' ').replace('\r', ' ')).build());
    }

    @Override
    public boolean isOpen() {
        return open && !sink.isClosed();
    }

    @Override
    public void message(String id, String data) {
        lastId = id;
        write(withRetry(sse.newEventBuilder().name(MESSAGE).id(id).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data)));
    }

    @Override
    public void skipped(String id, EncodedData data) {
        lastId = id;
        write(withRetry(sse.newEventBuilder().name(SKIPPED).id(id).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, data.text())));
    }

    @Override
    public void heartbeat() {
        write(sse.newEventBuilder().comment("").build());
    }

    @Override
    public void fail(StreamProblem problem) {
        fail(problem, lastId);
    }

    @Override
    public void fail(StreamProblem problem, String resumeId) {
        if (isOpen()) {
            OutboundSseEvent.Builder event = sse.newEventBuilder().name(ERROR)
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, problem.toJson().toString());
            if (resumeId != null) {
                event.id(resumeId);
            }
            retrySent = false;
            write(withRetry(event));
        }
        close();
    }

    @Override
    public void finish(String resumeId, StreamEnd reason, long retryMillis) {
        if (isOpen()) {
            // With data: Jersey writes nothing but the comment of an event without it (no id, no retry).
            write(sse.newEventBuilder().name(END).id(resumeId).reconnectDelay(retryMillis)
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, reason.toJson(retryMillis)).build());
        }
        close();
    }

    @Override
    public void close() {
        open = false;
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing an SSE sink failed", e);
        }
    }

    /**
     * Adds {@code retry:} to the first event of the stream and to an error. Jersey writes no field but a comment for
     * an event without data, so the reconnect delay cannot go out with the opening comment.
     */
    private OutboundSseEvent withRetry(OutboundSseEvent.Builder event) {
        if (!retrySent) {
            retrySent = true;
            event.reconnectDelay(retryMillis);
        }
        return event.build();
    }

    private void write(OutboundSseEvent event) {
        if (!open) {
            return;
        }
        try {
            CompletionStage<?> sent = sink.send(event);
            sent.toCompletableFuture().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.FINE, "Client gone or too slow, closing its stream", e);
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }
}
