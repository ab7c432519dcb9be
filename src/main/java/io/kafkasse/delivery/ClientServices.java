package io.kafkasse.delivery;

import java.util.List;

import io.kafkasse.position.Cursor;
import io.kafkasse.source.TopicWindows;

/** What a {@link ClientStream} needs from the owner of threads ({@link Delivery}); small, so tests can stand in for it. */
interface ClientServices {

    void opened(ClientStream stream);

    /** The stream ended: it leaves the registry and the history line, and gives its windows back. */
    void closed(ClientStream stream, List<TopicWindows> leased);

    /** Runs a drain whose writes may block; false when the executor refused it. */
    boolean execute(Runnable task);

    /** A refused drain, asked for again shortly. */
    void retrySoon(ClientStream stream);

    /**
     * Finds the stream a shared history reader from its cursor's position (or a place in line for one); its
     * {@link ClientStream#board} comes on this thread or another.
     */
    void waitForHistory(ClientStream stream, Cursor cursor);

    /** The stream waited too long: it gives its place in line back. */
    void leaveHistoryQueue(ClientStream stream);

    long historyWaitNanos();

    /** The {@code retry:} of a stream that ends on purpose now (jittered; at a stop, past the moment the server is gone). */
    long reconnectMillis();

    long writeTimeoutNanos();

    /**
     * How long a client riding a shared history reader may leave what it was sent unread before it is cut off
     * (client-too-slow, retryable): the reader waits for its slowest rider, so one client that takes nothing would
     * otherwise hold it, and everyone on it, for the whole write timeout.
     */
    long historyPatienceNanos();

    int maxUnsentBytes();
}
