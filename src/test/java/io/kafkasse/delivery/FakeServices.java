package io.kafkasse.delivery;

import java.time.Duration;
import java.util.ArrayList;
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
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.position.Cursor;
import io.kafkasse.source.HistoryReaders;
import io.kafkasse.source.TestWindows;
import io.kafkasse.source.TopicWindows;

/**
 * Stands in for {@link Delivery} as the owner of threads: drains run on a real pool (which the test can make refuse),
 * refused drains are retried shortly on a real scheduler, history is read by real {@link HistoryReaders} on threads of
 * their own over the consumers the test hands out (with none, a limit of 0: clients only ever wait in line), and a
 * tick like Delivery's can be started.
 */
final class FakeServices implements ClientServices, AutoCloseable {

    final ExecutorService pool;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService readerThreads = Executors.newCachedThreadPool();
    final HistoryReaders history;
    /** History consumers opened, and closed, so far. */
    final AtomicInteger consumersOpened = new AtomicInteger();
    final AtomicInteger consumersClosed = new AtomicInteger();
    final Set<ClientStream> open = ConcurrentHashMap.newKeySet();
    final AtomicBoolean accepting = new AtomicBoolean(true);
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger leftHistoryLine = new AtomicInteger();
    volatile long historyWaitNanos = Duration.ofMinutes(1).toNanos();
    volatile long writeTimeoutNanos = Duration.ofMinutes(1).toNanos();
    volatile long historyPatienceNanos = Duration.ofMinutes(1).toNanos();
    volatile int maxUnsentBytes = 1 << 20;
    private volatile java.util.function.Consumer<ClientStream> onClosed = stream -> { };

    FakeServices(int drainThreads) {
        this(drainThreads, 0, 1, () -> {
            throw new IllegalStateException("These tests open no history consumer");
        });
    }

    /**
     * @param readers        history readers at once
     * @param windowRecords  records a history reader's window holds
     * @param consumers      hands out a history consumer (on the reader's thread)
     */
    FakeServices(int drainThreads, int readers, int windowRecords, Supplier<Consumer<byte[], byte[]>> consumers) {
        pool = Executors.newFixedThreadPool(drainThreads);
        history = new HistoryReaders(readers, windowRecords, Long.MAX_VALUE, () -> {
            Consumer<byte[], byte[]> consumer = consumers.get();
            consumersOpened.incrementAndGet();
            return consumer;
        }, consumersClosed::incrementAndGet, TestWindows.appender(Integer.MAX_VALUE));
        history.start(readerThreads);
    }

    /** Also called as a stream ends, as Delivery removes it from its registry. */
    void onClosed(java.util.function.Consumer<ClientStream> action) {
        onClosed = action;
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
        history.leaveLine(stream);
        onClosed.accept(stream);
    }

    @Override
    public long reconnectMillis() {
        return 3_000;
    }

    @Override
    public boolean execute(Runnable task) {
        if (!accepting.get()) {
            refused.incrementAndGet();
            return false;
        }
        try {
            pool.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // the test is over: a reader's last signals come after the pool stopped
        }
    }

    @Override
    public void retrySoon(ClientStream stream) {
        retries.incrementAndGet();
        scheduler.schedule(stream::signal, 5, TimeUnit.MILLISECONDS);
    }

    @Override
    public void waitForHistory(ClientStream stream, Cursor cursor) {
        List<TopicPartition> partitions = new ArrayList<>();
        long[] next = new long[cursor.size()];
        for (int i = 0; i < cursor.size(); i++) {
            partitions.add(cursor.partition(i));
            next[i] = cursor.next(i);
        }
        history.board(stream, partitions, next);
    }

    @Override
    public void leaveHistoryQueue(ClientStream stream) {
        leftHistoryLine.incrementAndGet();
        history.leaveLine(stream);
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
    public long historyPatienceNanos() {
        return historyPatienceNanos;
    }

    @Override
    public int maxUnsentBytes() {
        return maxUnsentBytes;
    }

    @Override
    public void close() {
        history.stop();
        scheduler.shutdownNow();
        pool.shutdownNow();
        readerThreads.shutdownNow();
    }
}
