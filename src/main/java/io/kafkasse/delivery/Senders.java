package io.kafkasse.delivery;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few long-running loops that run the drains of clients whose channel never blocks: each client belongs to one
 * loop (its lane), which runs its drains in the order they were asked for. A task per drain would cost a
 * managed-executor hand-off per client and record, and an executor that is momentarily full would refuse some.
 * A failing drain does not stop a loop. An interrupt does (the server stops its executor's tasks that way), and unless
 * {@link #stop()} was called another loop takes over the lane at once, so its clients are never stranded.
 */
final class Senders {

    private static final Logger LOG = Logger.getLogger(Senders.class.getName());

    private final BlockingQueue<Runnable>[] queues;
    private final AtomicInteger assigned = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Executor executor;

    @SuppressWarnings("unchecked")
    Senders(int threads) {
        queues = new BlockingQueue[threads];
        for (int i = 0; i < threads; i++) {
            queues[i] = new LinkedBlockingQueue<>();
        }
    }

    /** Starts one loop per lane on threads of the executor. */
    void start(Executor executor) {
        this.executor = executor;
        for (BlockingQueue<Runnable> queue : queues) {
            executor.execute(() -> run(queue));
        }
    }

    /** The lane a new client belongs to; the client keeps it, so that asking for a drain costs one queue offer. */
    Lane assign() {
        return new Lane(queues[Math.floorMod(assigned.getAndIncrement(), queues.length)]);
    }

    /** One loop's queue of drains to run. */
    record Lane(BlockingQueue<Runnable> queue) {

        void submit(Runnable drain) {
            queue.add(drain);
        }
    }

    private void run(BlockingQueue<Runnable> queue) {
        running.incrementAndGet();
        try {
            while (!stopped) {
                try {
                    Runnable drain = queue.poll(1, TimeUnit.SECONDS);
                    if (drain != null) {
                        drain.run();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException | Error e) {
                    // A drain reports its own failures to its client; whatever escapes must not stop the other clients.
                    LOG.log(Level.SEVERE, "A drain failed unexpectedly", e);
                }
            }
        } finally {
            running.decrementAndGet();
            if (!stopped) {
                takeOver(queue);
            }
        }
    }

    /** Another loop for a lane whose loop was interrupted, so that its clients go on being served. */
    private void takeOver(BlockingQueue<Runnable> queue) {
        try {
            executor.execute(() -> run(queue));
            LOG.warning("A sender loop was interrupted; another took over its clients");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A sender loop was interrupted and none could take over (the server is stopping?)", e);
        }
    }

    /** Loops running now: all of them, unless the server is stopping. */
    int running() {
        return running.get();
    }

    void stop() {
        stopped = true;
    }
}
