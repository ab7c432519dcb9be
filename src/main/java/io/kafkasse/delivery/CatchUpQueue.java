package io.kafkasse.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;

/**
 * Runs at most {@code limit} history reads at a time (each holds a Kafka consumer); the other clients wait their turn
 * in arrival order, with heartbeats from the tick. A client that leaves while waiting gives its place back at once
 * ({@link #remove}); a turn the executor refused goes back to the head of the line and is retried by the next tick.
 */
final class CatchUpQueue {

    private final int limit;
    private final Deque<ClientStream> waiting = new ArrayDeque<>();
    private int running;

    CatchUpQueue(int limit) {
        this.limit = limit;
    }

    /** Queues the stream and returns the streams that may start now. */
    synchronized Queue<ClientStream> add(ClientStream stream) {
        waiting.add(stream);
        return startable();
    }

    /** One history read ended; returns the streams that may start now. */
    synchronized Queue<ClientStream> ended() {
        running--;
        return startable();
    }

    /** The streams that may start now (after a refused start, or a read that ended). */
    synchronized Queue<ClientStream> startable() {
        Queue<ClientStream> start = new ArrayDeque<>();
        while (running < limit && !waiting.isEmpty()) {
            running++;
            start.add(waiting.poll());
        }
        return start;
    }

    /** A start that the executor refused keeps its place at the head of the line. */
    synchronized void notStarted(ClientStream stream) {
        running--;
        waiting.addFirst(stream);
    }

    /** A client that left, or waited too long, leaves the line. */
    synchronized void remove(ClientStream stream) {
        waiting.remove(stream);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized int running() {
        return running;
    }
}
