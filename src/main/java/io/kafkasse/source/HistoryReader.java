package io.kafkasse.source;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.logging.ThrottledWarning;

/**
 * History older than the live windows, read once for every client that resumes near the same place: one consumer,
 * assigned a fixed list of partitions (its riders' cursor partitions, in cursor order) and positioned where its first
 * rider starts, appends to windows of its own exactly as a feed appends to the live ones. Its riders read those
 * windows with the same drains as the live ones, each with a cursor of its own, until the live windows hold their
 * position; then they leave it. It ends when its last rider leaves, or when {@link #shutdown()} is called.
 * <p>
 * Back-pressure: unlike a live window, nobody falls out of a history window. Before an append would evict an entry
 * that a rider has yet to read, the reader keeps the record back and pauses its partition; it resumes once the slowest
 * rider has read a tenth of the window (riders call {@link #moved()} after each drain). It never spins: with every
 * partition paused it waits for a rider to move.
 * <p>
 * The consumer is touched by the poll thread only ({@link #run}); {@link #join}, {@link #leave}, {@link #moved} and
 * {@link #shutdown} come from other threads.
 */
public final class HistoryReader {

    private static final Logger LOG = Logger.getLogger(HistoryReader.class.getName());
    /** The longest a shutdown, or a partition's resume while others are read, waits for the poll in progress. */
    static final Duration POLL = Duration.ofMillis(100);

    /** A rider's place on a reader: where it reads next in each of the reader's windows (it writes, the reader reads). */
    public record Ride(HistoryReader reader, AtomicLongArray seq) {
    }

    private final Supplier<Consumer<byte[], byte[]>> open;
    private final Runnable onClosed;
    private final List<TopicPartition> partitions;
    private final long[] startAt;
    private final PartitionWindow[] windows;
    private final WindowAppender appender;
    private final java.util.function.Consumer<HistoryReader> onEnded;
    private final ThrottledWarning transientErrors = new ThrottledWarning(LOG);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Counted down once the reader has closed its consumer, or will never open one. */
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Riders and their places. Joins, and each append's eviction check, hold the lock, so no join misses an eviction. */
    private final Map<HistoryReaders.Rider, AtomicLongArray> riders = new ConcurrentHashMap<>();
    /** Per partition, a sequence no rider is below (riders only move forward, so it stays true); guarded by {@code this}. */
    private final long[] slowest;
    /** Set once no rider is left, or on shutdown: no rider may join from then on. Guarded by {@code this}. */
    private boolean closing;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile StreamProblem failure;
    /** Poll thread only: records held back for each paused partition, in offset order. */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>>[] held;
    private int pausedCount;
    /** Whether riders' moves may matter: some partition is paused. */
    private volatile boolean anyPaused;
    private final Object moves = new Object();
    /** Guarded by {@link #moves}. */
    private boolean moved;

    /**
     * @param open     opens the consumer, on the poll thread (as the loop starts)
     * @param onClosed reports the consumer closed
     * @param onEnded  told of this reader once its loop ended and its riders were told
     */
    @SuppressWarnings("unchecked")
    HistoryReader(Supplier<Consumer<byte[], byte[]>> open, Runnable onClosed, List<TopicPartition> partitions,
                  long[] startAt, int windowRecords, long windowBytes, WindowAppender appender,
                  java.util.function.Consumer<HistoryReader> onEnded) {
        this.open = open;
        this.onClosed = onClosed;
        this.partitions = List.copyOf(partitions);
        this.startAt = startAt.clone();
        this.appender = appender;
        this.onEnded = onEnded;
        this.windows = new PartitionWindow[startAt.length];
        this.slowest = new long[startAt.length];
        this.held = new ArrayDeque[startAt.length];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new PartitionWindow(windowRecords, windowBytes, startAt[i]);
            slowest[i] = Long.MAX_VALUE;
            held[i] = new ArrayDeque<>();
        }
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Its windows, in the order of {@link #partitions()} (a copy of the array; the windows are the reader's own). */
    public PartitionWindow[] windows() {
        return windows.clone();
    }

    /** Null while it reads; else why it stopped, which ends the streams of the riders still on it. */
    public StreamProblem failure() {
        return failure;
    }

    public int riders() {
        return riders.size();
    }

    /**
     * Takes the rider on if every window holds its next offset with room to spare ({@link PartitionWindow#roomyAt}), or
     * the reader has yet to reach it but will within one window; else null. {@code next} is in partition order.
     */
    synchronized Ride join(HistoryReaders.Rider rider, long[] next) {
        if (closing) {
            return null;
        }
        long[] start = new long[windows.length];
        for (int i = 0; i < windows.length; i++) {
            PartitionWindow window = windows[i];
            long seq = window.seqFor(next[i]);
            if (!window.roomyAt(seq) || next[i] - window.nextOffset() > window.capacity()) {
                return null;
            }
            start[i] = seq;
        }
        AtomicLongArray seq = new AtomicLongArray(start);
        riders.put(rider, seq);
        for (int i = 0; i < windows.length; i++) {
            slowest[i] = Math.min(slowest[i], start[i]);
        }
        return new Ride(this, seq);
    }

    /** The rider leaves (it joined the live windows, or its stream ended); the last one to leave ends the reader. */
    public void leave(HistoryReaders.Rider rider) {
        boolean last;
        synchronized (this) {
            if (riders.remove(rider) == null) {
                return;
            }
            last = riders.isEmpty() && !closing;
            closing |= last;
        }
        if (last) {
            shutdown();
        } else {
            moved(); // it may have been the slowest
        }
    }

    /** A rider read on: a paused partition may resume. Cheap when none is paused. Never blocks for long. */
    public void moved() {
        if (anyPaused) {
            synchronized (moves) {
                moved = true;
                moves.notifyAll();
            }
        }
    }

    /** Ends the reader from any thread: the loop wakes up, closes its consumer and tells the riders still on it. */
    public void shutdown() {
        synchronized (this) {
            closing = true;
        }
        closed.set(true);
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        synchronized (moves) {
            moves.notifyAll();
        }
    }

    /** The reader will never run (no thread for it): its riders are told why, and its owner that it ended. */
    void abandon(StreamProblem problem) {
        synchronized (this) {
            closing = true;
        }
        closed.set(true);
        failure = problem;
        signalRiders();
        ended.countDown();
        onEnded.accept(this);
    }

    /** Waits until the reader has closed its consumer (or never had one); false if not within the timeout. */
    boolean awaitEnded(long timeoutNanos) throws InterruptedException {
        return ended.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The canonical poll loop, on a thread of its own, until no rider is left or {@link #shutdown()}. */
    void run() {
        try {
            consumer = open.get();
            consumer.assign(partitions);
            for (int i = 0; i < startAt.length; i++) {
                consumer.seek(partitions.get(i), startAt[i]);
            }
            while (!closed.get()) {
                appendHeld();
                if (pausedCount == windows.length) {
                    awaitMoves();
                } else {
                    append(poll());
                }
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A history reader of " + partitions + " failed; its " + riders.size()
                    + " clients are told to reconnect", e);
            failure = StreamProblem.kafkaUnavailable(e);
        } finally {
            end();
        }
    }

    /** After the loop: no rider may join, the consumer is closed, the riders still on it learn why it stopped. */
    private void end() {
        synchronized (this) {
            closing = true;
        }
        closed.set(true);
        try {
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                try {
                    c.close(Duration.ZERO);
                } finally {
                    onClosed.run();
                }
            }
        } finally {
            ended.countDown();
            if (failure == null) {
                failure = StreamProblem.shuttingDown();
            }
            signalRiders();
            onEnded.accept(this);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        return Polls.pollOrNothing(consumer, POLL, transientErrors);
    }

    private void append(ConsumerRecords<byte[], byte[]> records) {
        boolean appended = false;
        for (TopicPartition partition : records.partitions()) {
            int i = partitions.indexOf(partition);
            if (i < 0) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!held[i].isEmpty()) {
                    held[i].add(record); // behind one held back: order is kept
                } else if (appendIfRoom(i, record)) {
                    appended = true;
                } else {
                    pause(i, record);
                }
            }
        }
        if (appended) {
            signalRiders();
        }
    }

    /**
     * Ordering rule: {@link #anyPaused} is set before the next {@link #appendHeld()} reads the riders' places, so a
     * rider that moves after that read finds it set and wakes {@link #awaitMoves()}.
     */
    private void pause(int i, ConsumerRecord<byte[], byte[]> record) {
        held[i].add(record);
        pausedCount++;
        anyPaused = true;
        consumer.pause(List.of(partitions.get(i)));
    }

    /** Appends the records held back for the partitions whose slowest rider moved clear; resumes those emptied. */
    private void appendHeld() {
        if (pausedCount == 0) {
            return;
        }
        boolean appended = false;
        for (int i = 0; i < windows.length; i++) {
            if (held[i].isEmpty() || !roomToResume(i)) {
                continue;
            }
            while (!held[i].isEmpty() && appendIfRoom(i, held[i].peek())) {
                held[i].poll();
                appended = true;
            }
            if (held[i].isEmpty()) {
                pausedCount--;
                consumer.resume(List.of(partitions.get(i)));
            }
        }
        anyPaused = pausedCount > 0;
        if (appended) {
            signalRiders();
        }
    }

    /** Appends unless that would evict an entry a rider has yet to read. */
    private synchronized boolean appendIfRoom(int i, ConsumerRecord<byte[], byte[]> record) {
        PartitionWindow window = windows[i];
        WindowEntry entry = appender.entry(window, record);
        if (window.wouldEvict(slowest[i], entry)) {
            slowest[i] = slowestNow(i); // the bound may be stale: look at the riders themselves
            if (window.wouldEvict(slowest[i], entry)) {
                return false;
            }
        }
        window.append(entry);
        return true;
    }

    /**
     * Resumes only once the slowest rider is clear of the oldest tenth of the window, so the reader does not pause
     * and resume for every record.
     */
    private synchronized boolean roomToResume(int i) {
        slowest[i] = slowestNow(i);
        PartitionWindow window = windows[i];
        return slowest[i] == Long.MAX_VALUE || slowest[i] - window.tail() >= Math.max(1, window.size() / 10);
    }

    private long slowestNow(int i) {
        long min = Long.MAX_VALUE;
        for (AtomicLongArray place : riders.values()) {
            min = Math.min(min, place.get(i));
        }
        return min;
    }

    /** Every partition is paused: waits (no spinning) for a rider to move, a shutdown, or the poll interval. */
    private void awaitMoves() {
        synchronized (moves) {
            try {
                if (!moved && !closed.get()) {
                    moves.wait(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed.set(true);
            }
            moved = false;
        }
    }

    private void signalRiders() {
        riders.keySet().forEach(WindowReader::signal);
    }
}
