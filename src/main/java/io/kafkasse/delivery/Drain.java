package io.kafkasse.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.observe.CloseReason;
import io.kafkasse.sink.CoalescingChannel;
import io.kafkasse.sink.NdjsonFraming;
import io.kafkasse.sink.SseFraming;
import io.kafkasse.sink.StreamEnd;

/**
 * Ends the open streams of a server that stops, each at its own random moment of the drain period, each with an
 * {@code end} event carrying its id and {@code retry:}, so that the clients come back spread out (to this server once
 * it is back, or to another) instead of all in the same instant. Runs on the stopping thread, which it holds until
 * every stream ended or the period (and a short grace for drains under way) is over; the feeds and senders keep
 * running meanwhile, so streams deliver until their moment.
 */
final class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    /** For the drains under way at the end of the period (a write to a slow client, a stream's last frame). */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long STEP_MILLIS = 20;

    private Drain() {
    }

    /**
     * Loads, and runs once, what a drain at exit needs, while the application starts: at a JVM exit the server may
     * already refuse to load the WAR's classes (Payara Micro's class loader did: NoClassDefFoundError in the hook).
     */
    static void loadClasses() {
        try {
            for (String name : List.of("io.kafkasse.delivery.ClientStream$Ending", "io.kafkasse.sink.StreamEnd",
                    "io.kafkasse.observe.CloseReason", "io.kafkasse.observe.Connection")) {
                Class.forName(name, true, Drain.class.getClassLoader());
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        CoalescingChannel unattached = new CoalescingChannel(0, 1, null, Duration.ZERO);
        unattached.finish("[]", StreamEnd.DRAINING, 0); // links the frame's code without writing anything
        new CoalescingChannel(0, 1, null, Duration.ZERO).fail(StreamProblem.shuttingDown());
        SseFraming.INSTANCE.end("[]", 0, StreamEnd.DRAINING);
        new NdjsonFraming("application/x-ndjson").end("[]", 0, StreamEnd.DRAINING);
        threads(1).shutdown(); // links the thread factory; no thread starts before a task
    }

    /**
     * Threads of the drain's own for the drains the server's executor refuses while it stops: daemons of this WAR's
     * class loader, ended by {@code shutdown()} once the drain is over.
     */
    static ExecutorService threads(int count) {
        ClassLoader loader = Drain.class.getClassLoader();
        AtomicInteger created = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, count), task -> {
            Thread thread = new Thread(task, "kafka-sse-drain-" + created.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    /**
     * @param streams the live registry of open streams (streams leave it as they end)
     * @return how many streams were still open when the drain gave up on them
     */
    static int spread(Collection<ClientStream> streams, Duration period) {
        List<ClientStream> open = List.copyOf(streams);
        if (open.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        long periodNanos = period.toNanos();
        LOG.info(() -> "Draining " + open.size() + " open streams over " + period.toMillis() + " ms (sse.drain-period):"
                + " each ends with its id and retry:, and its client comes back");
        for (ClientStream stream : open) {
            stream.endAt(start + (periodNanos > 0 ? ThreadLocalRandom.current().nextLong(periodNanos) : 0), StreamEnd.DRAINING);
        }
        long deadline = start + periodNanos + GRACE_NANOS;
        try {
            // The ends are written here, not by drains on the executor or the scheduler: a server that stops may no
            // longer run the application's tasks (Payara Micro's executors stop while the JVM waits for this drain).
            while (!streams.isEmpty() && System.nanoTime() - deadline < 0) {
                long now = System.nanoTime();
                for (ClientStream stream : streams) {
                    try {
                        stream.endIfDue(now);
                    } catch (RuntimeException e) {
                        // One stream's failure must not leave the others undrained (their ends are independent).
                        LOG.log(java.util.logging.Level.FINE, "Ending a stream at the drain failed", e);
                        stream.end(CloseReason.DRAINED);
                    }
                }
                Thread.sleep(STEP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = streams.size();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.info(() -> "Drained " + (open.size() - Math.min(left, open.size())) + " streams in " + tookMillis + " ms"
                + (left > 0 ? "; " + left + " still open are ended at once" : ""));
        return left;
    }
}
