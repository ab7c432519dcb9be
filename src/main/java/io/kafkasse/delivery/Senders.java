package io.kafkasse.delivery;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few long-running loops that run the drains of clients whose channel never blocks: each client belongs to one
 * loop (its lane), which runs its drains in the order they were asked for. A task per drain would cost a
 * managed-executor hand-off per client and record, and an executor that is momentarily full would refuse some.
 * A failing drain does not stop a loop. An interrupt does: the server takes its executor's tasks back that way when it
 * stops, and must not wait for a loop that starts itself again. The lane is then dead ({@link Lane#submit} refuses),
 * and its clients' drains run as executor tasks instead, so none is stranded.
 */
final class Senders {

    private static final Logger LOG = Logger.getLogger(Senders.class.getName());

    private final Lane[] lanes;
    private final AtomicInteger assigned = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;
    private final BiConsumer<String, Throwable> onFailure;

    Senders(int threads) {
        this(threads, (where, failure) -> { });
    }

    /** @param onFailure told of a failure that escaped a drain (the loop goes on) */
    Senders(int threads, BiConsumer<String, Throwable> onFailure) {
        this.onFailure = onFailure;
        lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane();
        }
    }

    /** Starts one loop per lane on threads of the executor. */
    /** How long the live sender loop that went round longest ago has not; a dead loop counts as forever. */
    long longestSilenceNanos() {
        long now = System.nanoTime();
        long longest = 0;
        for (Lane lane : lanes) {
            longest = Math.max(longest, lane.dead && !stopped ? Long.MAX_VALUE : now - lane.lastTurn);
        }
        return longest;
    }

    void start(Executor executor) {
        for (Lane lane : lanes) {
            executor.execute(() -> run(lane));
        }
    }

    /** The lane a new client belongs to; the client keeps it, so that asking for a drain costs one queue offer. */
    Lane assign() {
        for (int tries = 0; tries < lanes.length; tries++) {
            Lane lane = lanes[Math.floorMod(assigned.getAndIncrement(), lanes.length)];
            if (!lane.dead) {
                return lane;
            }
        }
        return null; // every loop ended: drains run as executor tasks

    }

    /** One loop's queue of drains to run, and whether its loop still runs. */
    static final class Lane {

        private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private volatile boolean dead;
        /** When the loop last went round (nanoTime); it waits at most a second for work. */
        private volatile long lastTurn = System.nanoTime();

        /** False when the lane's loop ended: the caller runs the drain some other way. */
        boolean submit(Runnable drain) {
            if (dead) {
                return false;
            }
            queue.add(drain);
            // Ordering rule: the loop marks the lane dead BEFORE it runs what is left in the queue; a submitter adds
            // BEFORE it reads the mark. So either the dying loop finds this drain and runs it, or the submitter sees the
            // mark and takes it back (remove fails only if the loop already took it).
            return !dead || !queue.remove(drain);
        }
    }

    private void run(Lane lane) {
        BlockingQueue<Runnable> queue = lane.queue;
        running.incrementAndGet();
        try {
            while (!stopped) {
                lane.lastTurn = System.nanoTime();
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
                    onFailure.accept("sender", e);
                    LOG.log(Level.SEVERE, "A drain failed unexpectedly", e);
                }
            }
        } finally {
            running.decrementAndGet();
            lane.dead = true;
            // Drains queued before the lane died still run: each holds its client's busy flag until it does.
            Runnable left;
            while ((left = queue.poll()) != null) {
                left.run();
            }
            if (!stopped) {
                LOG.warning("A sender loop was interrupted; its clients' drains now run as executor tasks");
            }
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
