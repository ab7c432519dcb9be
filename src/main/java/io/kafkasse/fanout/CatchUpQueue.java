package io.kafkasse.fanout;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Runs at most {@code limit} catch-ups at a time (each holds a Kafka consumer); the others wait their turn in arrival
 * order. A client waiting here already has its stream open but gets no heartbeats until its turn comes; turns come
 * quickly, since a catch-up gives its consumer back as soon as it reaches the windows.
 */
final class CatchUpQueue {

    private final int limit;
    private final Queue<SharedStream> waiting = new ArrayDeque<>();
    private int running;

    CatchUpQueue(int limit) {
        this.limit = limit;
    }

    /** Queues the stream and returns the streams that may start now. */
    synchronized Queue<SharedStream> add(SharedStream stream) {
        waiting.add(stream);
        return startable();
    }

    /** One catch-up ended; returns the streams that may start now. */
    synchronized Queue<SharedStream> ended() {
        running--;
        return startable();
    }

    /** A start that the executor refused gives its place back. */
    synchronized void notStarted(SharedStream stream) {
        running--;
        waiting.add(stream);
    }

    private Queue<SharedStream> startable() {
        Queue<SharedStream> start = new ArrayDeque<>();
        while (running < limit && !waiting.isEmpty()) {
            running++;
            start.add(waiting.poll());
        }
        return start;
    }
}
