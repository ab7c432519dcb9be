package io.kafkasse.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.source.TopicWindows;

/**
 * Stands in for {@link Delivery} as the owner of threads: drains run on a real pool (which the test can make refuse),
 * refused drains are retried shortly on a real scheduler, the history line is a real {@link CatchUpQueue} whose limit
 * of 0 never starts a history read by itself, and a tick like Delivery's can be started.
 */
final class FakeServices implements ClientServices, AutoCloseable {

    final ExecutorService pool;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final CatchUpQueue historyLine = new CatchUpQueue(0);
    final Set<ClientStream> open = ConcurrentHashMap.newKeySet();
    final AtomicBoolean accepting = new AtomicBoolean(true);
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger leftHistoryLine = new AtomicInteger();
    final AtomicInteger historyTails = new AtomicInteger();
    volatile long historyWaitNanos = Duration.ofMinutes(1).toNanos();
    volatile long writeTimeoutNanos = Duration.ofMinutes(1).toNanos();
    volatile int maxUnsentBytes = 1 << 20;

    FakeServices(int drainThreads) {
        pool = Executors.newFixedThreadPool(drainThreads);
    }

    /** Ticks every stream as Delivery's heartbeat clock does. */
    void startTicking(Duration period) {
        scheduler.scheduleAtFixedRate(() -> open.forEach(stream -> stream.tick(System.nanoTime())),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until everything the pool was given before has run (a sentinel for "no drain did anything more"). */
    void awaitPoolIdle() throws Exception {
        Future<?> sentinel = pool.submit(() -> { });
        sentinel.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void opened(ClientStream stream) {
        open.add(stream);
    }

    @Override
    public void closed(ClientStream stream, List<TopicWindows> leased) {
        closed.incrementAndGet();
        open.remove(stream);
        historyLine.remove(stream);
    }

    @Override
    public boolean execute(Runnable task) {
        if (!accepting.get()) {
            refused.incrementAndGet();
            return false;
        }
        pool.execute(task);
        return true;
    }

    @Override
    public void retrySoon(ClientStream stream) {
        retries.incrementAndGet();
        scheduler.schedule(stream::signal, 5, TimeUnit.MILLISECONDS);
    }

    @Override
    public void waitForHistory(ClientStream stream) {
        historyLine.add(stream);
    }

    @Override
    public void leaveHistoryQueue(ClientStream stream) {
        leftHistoryLine.incrementAndGet();
        historyLine.remove(stream);
    }

    @Override
    public HistoryTail historyTail(Cursor cursor, RecordFilter filter, EventChannel channel) {
        historyTails.incrementAndGet();
        throw new IllegalStateException("These tests open no history consumer");
    }

    @Override
    public long historyWaitNanos() {
        return historyWaitNanos;
    }

    @Override
    public long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    @Override
    public int maxUnsentBytes() {
        return maxUnsentBytes;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pool.shutdownNow();
    }
}
