package io.kafkasse.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import io.kafkasse.error.StreamProblem;

/**
 * An {@link EventChannel} that writes SSE frames itself, on the servlet's non-blocking output: whatever is pending for
 * the client when the connection can take more goes out in one write and one flush, so a busy stream costs a flush per
 * batch, not per event, and no thread ever waits for a slow client. What the client has not taken yet is bounded:
 * beyond {@code maxUnsentBytes} the events still waiting are dropped and the stream ends with an {@code error} event
 * whose id is that of the last event handed to the connection, so that the client resumes with the dropped ones.
 * <p>
 * Any thread may call it, one at a time (the stream's drains are serial); the container calls {@link #onWritePossible}
 * on its own threads, so the buffer is guarded by a lock.
 */
public final class CoalescingChannel implements EventChannel, WriteListener, AsyncListener {

    private static final Logger LOG = Logger.getLogger(CoalescingChannel.class.getName());
    /**
     * Messages queue until the stream's batch ends ({@link #flush()}) or this much is pending. It also bounds what a
     * client that cannot keep up holds in the heap (this, plus what the container took but could not write yet): at
     * 64 KiB, 10,000 clients catching up at once after a restart filled a 1 GiB heap (OutOfMemoryError).
     */
    private static final int SEND_AT = 16 * 1024;
    /** The largest buffer kept for the next batch: an idle stream must not hold a big one for good. */
    private static final int SPARE_MAX = 16 * 1024;

    private final Framing framing;
    private AsyncContext async;
    private ServletOutputStream out;
    private final long retryMillis;
    private final int maxUnsentBytes;
    private final ScheduledExecutorService scheduler;
    private final Duration writeTimeout;
    private final Object lock = new Object();
    /** Frames not handed to the container yet. Guarded by {@link #lock}. */
    private Batch pending = new Batch(1024);
    /**
     * The buffer the last batch was written from, emptied, to take the next one: a stream that sends all the time
     * reuses two buffers instead of allocating one per write. Null while a write runs, or after a large batch (a
     * stream keeps no big buffer for good). Guarded by the lock.
     */
    private Batch spare;
    private volatile boolean started;
    private volatile boolean open = true;
    private volatile String lastId;
    /** The id of the last message in {@link #pending}, and of the last one handed to the container. Guarded by the lock. */
    private String pendingId;
    private String sentId;
    /** An error event is pending: once it is handed over, the stream completes. Guarded by the lock. */
    private boolean closeAfterSend;
    private boolean completed;
    /** Something is pending that the container was not ready for: the stream should wait for {@link #writable}. */
    private volatile boolean backlogged;
    /** When the channel last became backlogged (nanoTime). */
    private volatile long backloggedSince;
    private volatile Runnable writable = () -> { };
    /** Guarded by lock: the cut-off of a last frame the client has not taken yet, cancelled when it completes first. */
    private ScheduledFuture<?> cutOff;

    /**
     * @param maxUnsentBytes how much may wait for a client before it is considered too slow and cut off
     * @param scheduler      ends a stream whose last event the client does not take within {@code writeTimeout}
     */
    public CoalescingChannel(long retryMillis, int maxUnsentBytes, ScheduledExecutorService scheduler, Duration writeTimeout) {
        this(SseFraming.INSTANCE, retryMillis, maxUnsentBytes, scheduler, writeTimeout);
    }

    /** @param framing SSE, or newline-delimited JSON */
    public CoalescingChannel(Framing framing, long retryMillis, int maxUnsentBytes, ScheduledExecutorService scheduler,
                             Duration writeTimeout) {
        this.framing = framing;
        this.retryMillis = retryMillis;
        this.maxUnsentBytes = maxUnsentBytes;
        this.scheduler = scheduler;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Takes over the response once the stream is open (until then errors are answered as HTTP statuses): sends the
     * status and headers at once, so that whatever the JAX-RS runtime does after its resource method returned finds
     * the response committed, and switches the output to non-blocking.
     */
    public void attach(AsyncContext context) throws IOException {
        async = context;
        async.setTimeout(0);
        async.addListener(this);
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(framing.contentType());
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        out = response.getOutputStream();
    }

    @Override
    public void start(String initialId) {
        lastId = initialId;
        synchronized (lock) {
            pendingId = initialId;
            sentId = initialId;
        }
        started = true;
        if (out == null) {
            open = false; // taking the response over failed
            return;
        }
        // The listener first: some containers (Undertow) refuse isReady() on an output that has none.
        out.setWriteListener(this);
        append(framing.opening(retryMillis));
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public void notice(String text) {
        byte[] bytes = framing.notice(text);
        if (bytes.length > 0) {
            append(bytes);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void message(String id, String data) {
        message(id, new EncodedData(data));
    }

    @Override
    public void message(String id, EncodedData data) {
        queue(id, data, false);
    }

    @Override
    public void skipped(String id, EncodedData data) {
        queue(id, data, true);
    }

    private void queue(String id, EncodedData data, boolean skipped) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (backlogged && pending.size() > maxUnsentBytes) {
                // The stream went on writing although the client took nothing: it is cut off where it was.
                throw StreamProblem.tooSlowToSend(maxUnsentBytes);
            }
            lastId = id;
            if (skipped) {
                framing.skipped(pending, idBytes, data);
            } else {
                framing.message(pending, idBytes, data);
            }
            pendingId = id;
            if (pending.size() < SEND_AT) {
                return;
            }
        }
        sendPending();
    }

    @Override
    public void flush() {
        sendPending();
    }

    /** Read without the lock, from the sampler's thread: a size a moment old is good enough for a bound on the sum. */
    @Override
    public long unsentBytes() {
        return pending.size();
    }

    @Override
    public boolean isBacklogged() {
        return backlogged;
    }

    @Override
    public long backloggedNanos() {
        return backlogged ? System.nanoTime() - backloggedSince : 0;
    }

    @Override
    public void whenWritable(Runnable callback) {
        writable = callback;
    }

    @Override
    public void awaitWritable() {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        synchronized (lock) {
            while (backlogged && open && !completed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw StreamProblem.tooSlowToSend(maxUnsentBytes);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public boolean neverBlocks() {
        return true;
    }

    @Override
    public void heartbeat() {
        synchronized (lock) {
            // A heartbeat means the stream was silent: it gives its spare buffer back (an idle connection holds one
            // buffer, not two: 1 KiB of the ~30 KiB an idle connection costs on Payara Micro).
            spare = null;
        }
        append(framing.heartbeat());
    }

    @Override
    public void fail(StreamProblem problem) {
        fail(problem, lastId);
    }

    @Override
    public void fail(StreamProblem problem, String resumeId) {
        lastFrame(resumeId, id -> framing.error(id, retryMillis, problem));
    }

    @Override
    public void finish(String resumeId, StreamEnd reason, long retryMillis) {
        lastFrame(resumeId, id -> framing.end(id, retryMillis, reason));
    }

    /**
     * Queues the stream's last frame after what is pending and ends the response once the client took it. A client
     * too slow to take what is pending loses it, and the frame's id is that of the last event it was handed instead,
     * so that it resumes with what was dropped.
     */
    private void lastFrame(String id, Function<String, byte[]> frame) {
        boolean waitForClient;
        synchronized (lock) {
            if (!open || completed || out == null) {
                waitForClient = false;
            } else {
                String resumeId = id;
                if (pending.size() > maxUnsentBytes) {
                    pending = new Batch(1024);
                    resumeId = sentId;
                }
                byte[] bytes = frame.apply(resumeId);
                pending.write(bytes, 0, bytes.length);
                closeAfterSend = true;
                send();
                waitForClient = !completed;
                if (waitForClient) {
                    // The last frame goes out when the client reads again; one that never does is cut off all the
                    // same. Scheduled under the lock, so that whichever completion comes first finds it to cancel.
                    cutOff = scheduler.schedule(this::complete, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            open = false;
        }
        if (!waitForClient) {
            complete();
        }
    }

    @Override
    public void close() {
        open = false;
        synchronized (lock) {
            lock.notifyAll();
            if (closeAfterSend) {
                return; // the error event is on its way; sending it, or the write timeout, completes the stream
            }
        }
        complete();
    }

    @Override
    public void closeNow() {
        open = false;
        complete();
    }

    /** Under the lock, as the stream completes: a cut-off left to fire after an undeploy is an error in the server's log. */
    private void cancelCutOff() {
        if (cutOff != null) {
            cutOff.cancel(false);
        }
    }

    private void complete() {
        synchronized (lock) {
            if (completed) {
                return;
            }
            completed = true;
            cancelCutOff();
            lock.notifyAll();
        }
        if (async == null) {
            return;
        }
        try {
            // Whatever the container already took is still written before the connection ends.
            async.complete();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "The stream was already complete", e);
        }
    }

    private void append(byte[] bytes) {
        synchronized (lock) {
            pending.write(bytes, 0, bytes.length);
        }
        sendPending();
    }

    /** Sends what is pending if the connection can take it. */
    private void sendPending() {
        synchronized (lock) {
            send();
        }
    }

    /** Under the lock: one write and one flush for everything pending, if the container is ready for it. */
    private void send() {
        try {
            write();
        } finally {
            boolean now = pending.size() > 0 && !completed;
            if (now && !backlogged) {
                backloggedSince = System.nanoTime();
            }
            backlogged = now;
        }
    }

    private void write() {
        if (!started || completed || out == null || pending.size() == 0) {
            return;
        }
        try {
            if (!out.isReady()) {
                return; // onWritePossible comes when it is
            }
            // The batch is taken out of pending before it is written: the container may call onWritePossible on
            // this thread while it writes, and what that queues must land in the next batch, not in this one.
            Batch batch = pending;
            pending = spare != null ? spare : new Batch(Math.max(1024, Math.min(batch.size(), 64 * 1024)));
            spare = null;
            batch.writeTo(out);
            if (batch.capacity() <= SPARE_MAX) {
                batch.reset();
                spare = batch;
            }
            sentId = pendingId;
            if (out.isReady()) {
                out.flush();
            }
            if (closeAfterSend) {
                // The container writes what it was handed before it ends the response.
                completed = true;
                cancelCutOff();
                async.complete();
            }
        } catch (IOException | RuntimeException e) {
            // Any failure to write means the client is gone for us; a container that stops throws its own
            // (Undertow: "Service is not installed" while WildFly stops the deployment).
            gone(e);
        }
    }

    @Override
    public void onWritePossible() {
        synchronized (lock) {
            send();
            lock.notifyAll();
        }
        if (!backlogged) {
            writable.run();
        }
    }

    @Override
    public void onError(Throwable t) {
        gone(t);
    }

    /** The client went away: a thread waiting for the connection to drain must not wait on (for the write timeout). */
    private void gone(Throwable t) {
        LOG.log(Level.FINE, "Client gone, ending its stream", t);
        open = false;
        wakeWaiters();
        boolean errorWaiting;
        synchronized (lock) {
            errorWaiting = closeAfterSend;
        }
        if (errorWaiting) {
            complete(); // nobody is left to read the error event: end the response instead of waiting for the timer
        }
        writable.run(); // the stream's next drain finds the channel closed and ends at once
    }

    private void wakeWaiters() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        open = false;
        wakeWaiters();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        gone(event.getThrowable());
        complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        gone(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /** A frame buffer that says how much it holds allocated, so that only small ones are kept. */
    private static final class Batch extends ByteArrayOutputStream {

        Batch(int size) {
            super(size);
        }

        int capacity() {
            return buf.length;
        }
    }
}
