package io.kafkasse.delivery;

import java.util.List;

import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;
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

    /** Queues the stream for a history consumer; its {@link ClientStream#historyTurn()} comes on an executor thread. */
    void waitForHistory(ClientStream stream);

    void leaveHistoryQueue(ClientStream stream);

    /** A consumer of the stream's own, positioned at its cursor, for the history before the windows. */
    HistoryTail historyTail(Cursor cursor, RecordFilter filter, EventChannel channel);

    long historyWaitNanos();

    long writeTimeoutNanos();

    int maxUnsentBytes();
}
