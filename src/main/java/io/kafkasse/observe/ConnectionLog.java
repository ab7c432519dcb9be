package io.kafkasse.observe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connection lines (logger {@code io.kafkasse.connections}): while the service runs, a stream request or a drain
 * only queues its line, and {@link #writeQueued} writes them from the delivery's timer. A logging handler writes under
 * a lock: in a reconnect storm of 1,000 clients on 2 busy cores, request threads waited on it for a second each on
 * average (a profile of the storm), and a drain that waits there delays every client of its sender thread.
 * <p>
 * The queue is bounded ({@value #CAPACITY} lines): past it, lines are counted and the count is logged instead. Before
 * the service runs, and from the moment it stops, lines are written at once, on the caller's thread: a server that
 * exits right after its drain (Payara Micro) must not leave them in the queue.
 */
@ApplicationScoped
public class ConnectionLog {

    static final int CAPACITY = 10_000;
    /** Writes at once, always: for connections made outside a container (tests, tools). */
    static final ConnectionLog DIRECT = new ConnectionLog();

    private static final Logger LOG = Logger.getLogger("io.kafkasse.connections");

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean queueing;

    /** Whether a line at INFO would be written at all: callers skip building it otherwise. */
    boolean enabled() {
        return LOG.isLoggable(Level.INFO);
    }

    /** Writes the line, or queues it while the service runs. Any thread; never waits for the log while queueing. */
    void line(String text) {
        if (!queueing) {
            writeQueued(); // what was queued before goes first
            LOG.info(text);
            return;
        }
        if (!lines.offer(text)) {
            dropped.incrementAndGet();
        }
        if (!queueing) {
            writeQueued(); // it stopped meanwhile: nobody else may write what was just queued
        }
    }

    /** From now on lines are queued, and written by {@link #writeQueued}. */
    public void queue() {
        queueing = true;
    }

    /** From now on lines are written at once; what is queued is written now. */
    public void direct() {
        queueing = false;
        writeQueued();
    }

    /** Writes every queued line, in order, then how many were dropped since the last time, if any. */
    public void writeQueued() {
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            LOG.info(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warning(lost + " connection log lines were dropped: more than " + CAPACITY + " waited to be written");
        }
    }
}
