package io.kafkasse.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.sink.StreamEnd;

/**
 * An event channel that drains on other threads may write to while the test reads it: it records what was written,
 * counts writers that overlapped (there must be none), and plays a client that stops reading ({@link #stall()}).
 * While stalled, messages count as unsent and the channel turns backlogged once {@code sendAt} bytes wait or a batch is
 * flushed, as the coalescing channel does when the connection is not ready; {@link #resume()} is the client reading
 * again, which calls the stream back.
 */
final class ObservedChannel implements EventChannel {

    record Written(String kind, String id, String data) {
    }

    private final List<Written> written = new ArrayList<>();
    private final AtomicInteger writers = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger messageCount = new AtomicInteger();
    private final AtomicInteger flushes = new AtomicInteger();
    private final int sendAt;
    private volatile boolean clientGone;
    private volatile boolean closed;
    private volatile long closedAt;
    /** Writes throw, as a stopping server's do. */
    volatile boolean failOnWrite;
    private volatile String lastId;
    private volatile Runnable writable = () -> { };
    /** Guarded by {@code this}. */
    private boolean stalled;
    private long unsent;
    private long peakUnsent;
    private volatile boolean backlogged;
    private volatile long backloggedSince;
    /** How long a flush takes: a real one writes to a socket. */
    private volatile long flushNanos;
    private volatile Runnable onFlush = () -> { };

    ObservedChannel() {
        this(Integer.MAX_VALUE);
    }

    /** @param sendAt unsent bytes at which a stalled channel turns backlogged before the batch is flushed */
    ObservedChannel(int sendAt) {
        this.sendAt = sendAt;
    }

    @Override
    public void start(String initialId) {
        lastId = initialId;
        record("start", initialId, null);
    }

    @Override
    public boolean isStarted() {
        return lastId != null;
    }

    @Override
    public void notice(String text) {
        record("notice", null, text);
    }

    @Override
    public boolean isOpen() {
        return !clientGone && !closed;
    }

    @Override
    public void skipped(String id, io.kafkasse.sink.EncodedData data) {
        record("skipped", id, data.text());
    }

    @Override
    public void message(String id, String data) {
        enter();
        try {
            if (!isOpen()) {
                return;
            }
            lastId = id;
            record("message", id, data);
            messageCount.incrementAndGet();
            synchronized (this) {
                if (stalled) {
                    unsent += data.length();
                    peakUnsent = Math.max(peakUnsent, unsent);
                    if (unsent >= sendAt) {
                        turnBacklogged();
                    }
                }
            }
        } finally {
            leave();
        }
    }

    @Override
    public void flush() {
        enter();
        try {
            long done = System.nanoTime() + flushNanos;
            while (System.nanoTime() < done) {
                Thread.onSpinWait();
            }
            onFlush.run();
            synchronized (this) {
                if (stalled && unsent > 0) {
                    turnBacklogged();
                }
            }
        } finally {
            leave();
            flushes.incrementAndGet();
        }
    }

    @Override
    public void heartbeat() {
        enter();
        try {
            heartbeats.incrementAndGet();
        } finally {
            leave();
        }
    }

    @Override
    public void fail(StreamProblem problem) {
        fail(problem, lastId);
    }

    @Override
    public void fail(StreamProblem problem, String resumeId) {
        if (isOpen()) {
            record("error", resumeId, problem.toJson().toString());
        }
        close();
    }

    @Override
    public void finish(String resumeId, StreamEnd reason, long retryMillis) {
        if (failOnWrite) {
            throw new IllegalStateException("Service is not installed"); // as Undertow's, while WildFly stops
        }
        if (isOpen()) {
            record("end", resumeId, reason.reason());
        }
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closedAt = System.nanoTime();
        }
        closed = true;
    }

    /** When the stream closed the channel (System.nanoTime). */
    long closedAtNanos() {
        return closedAt;
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

    /** Runs on the writing thread during each flush, the last write of a drain. */
    void onFlush(Runnable action) {
        onFlush = action;
    }

    void flushTakes(long nanos) {
        flushNanos = nanos;
    }

    /** The client stops reading: what is written from now on waits. */
    synchronized void stall() {
        stalled = true;
    }

    /** The client reads everything that waited: the channel can take more, and says so. */
    void resume() {
        synchronized (this) {
            stalled = false;
            unsent = 0;
            backlogged = false;
        }
        writable.run();
    }

    private void turnBacklogged() {
        if (!backlogged) {
            backloggedSince = System.nanoTime();
            backlogged = true;
        }
    }

    /** The client goes away: the next write, or the next look at {@link #isOpen()}, finds out. */
    void clientLeaves() {
        clientGone = true;
    }

    boolean isClosed() {
        return closed;
    }

    synchronized long peakUnsent() {
        return peakUnsent;
    }

    int heartbeats() {
        return heartbeats.get();
    }

    /** Writes by two threads at once: the stream lets one drain write at a time. */
    int overlappingWrites() {
        return overlaps.get();
    }

    List<Written> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    List<Written> messages() {
        return written().stream().filter(w -> w.kind().equals("message")).toList();
    }

    List<Written> errors() {
        return written().stream().filter(w -> w.kind().equals("error")).toList();
    }

    List<Written> ends() {
        return written().stream().filter(w -> w.kind().equals("end")).toList();
    }

    /** Batches ended so far: a drain flushes as it finishes. */
    int flushes() {
        return flushes.get();
    }

    int messageCount() {
        return messageCount.get();
    }

    private void record(String kind, String id, String data) {
        synchronized (written) {
            written.add(new Written(kind, id, data));
        }
    }

    private void enter() {
        if (writers.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
    }

    private void leave() {
        writers.decrementAndGet();
    }
}
