package io.kafkasse.fanout;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.kafkasse.consumer.StreamExecutor;

/**
 * A few long-running loops on the stream executor that run the drains of clients whose channel never blocks: each
 * client belongs to one loop, which runs its drains in the order they were asked for. A task per drain would cost a
 * managed-executor hand-off per client and record, and an executor that is momentarily full would refuse some.
 */
final class DrainSenders {

    private static final Logger LOG = Logger.getLogger(DrainSenders.class.getName());

    private final BlockingQueue<SharedStream>[] queues;
    private final AtomicInteger assigned = new AtomicInteger();
    private volatile boolean stopped;

    @SuppressWarnings("unchecked")
    DrainSenders(int threads, StreamExecutor executor) {
        queues = new BlockingQueue[threads];
        for (int i = 0; i < threads; i++) {
            BlockingQueue<SharedStream> queue = new LinkedBlockingQueue<>();
            queues[i] = queue;
            executor.execute(() -> run(queue));
        }
    }

    /** The loop a new client belongs to; the client keeps it, so that asking for a drain costs one queue offer. */
    Lane assign() {
        return new Lane(queues[Math.floorMod(assigned.getAndIncrement(), queues.length)]);
    }

    /** One loop's queue of clients waiting for a drain. */
    record Lane(BlockingQueue<SharedStream> queue) {

        void submit(SharedStream stream) {
            queue.add(stream);
        }
    }

    private void run(BlockingQueue<SharedStream> queue) {
        while (!stopped) {
            try {
                SharedStream stream = queue.poll(1, TimeUnit.SECONDS);
                if (stream != null) {
                    stream.drainTask();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // A drain reports its own failures to its client; whatever escapes must not stop the other clients.
                LOG.log(Level.SEVERE, "A drain failed unexpectedly", e);
            }
        }
    }

    void stop() {
        stopped = true;
    }
}
