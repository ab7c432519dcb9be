package io.kafkasse.fanout;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kafkasse.consumer.OpenStream;
import io.kafkasse.consumer.ServedStream;
import io.kafkasse.consumer.TopicTail;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;

/**
 * One client in the shared mode. It reads the windows of its topics' feeds with a cursor of its own and writes to its
 * channel in short drains on the stream executor, one drain at a time, started whenever a feed has appended records. A
 * client that starts (or falls) before what the windows hold first reads history with a catch-up consumer, then
 * joins the windows at the offsets it reached, so nothing is lost or repeated on the way.
 */
final class SharedStream implements OpenStream, ServedStream {

    /** Entries one drain handles before it makes way for other clients. */
    private static final int DRAIN_BATCH = 256;

    private final SharedStreams services;
    private final Cursor cursor;
    private final EventChannel channel;
    private final RecordFilter filter;
    private final List<String> notices;
    private final List<TopicFeed> feeds;
    /** The window of each of the cursor's partitions, in cursor order, and the next entry to read in it. */
    private final PartitionWindow[] windows;
    private final long[] seq;
    private final long heartbeatNanos;
    /** The sender loop that runs this client's drains, when its channel never blocks. */
    private final DrainSenders.Lane sender;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    /** True while the client reads the windows, false while it catches up (or before it started). */
    private volatile boolean inWindows;
    private volatile long lastWrite;
    private volatile TopicTail catchUp;

    SharedStream(SharedStreams services, Cursor cursor, EventChannel channel, RecordFilter filter, List<String> notices,
                 List<TopicFeed> feeds, long heartbeatNanos) {
        this.services = services;
        this.cursor = cursor;
        this.channel = channel;
        this.filter = filter;
        this.notices = notices;
        this.feeds = feeds;
        this.heartbeatNanos = heartbeatNanos;
        this.windows = new PartitionWindow[cursor.size()];
        this.seq = new long[cursor.size()];
        this.sender = channel.neverBlocks() ? services.assignSender() : null;
        channel.whenWritable(this::signal);
        for (int i = 0; i < windows.length; i++) {
            String topic = cursor.partition(i).topic();
            int partition = cursor.partition(i).partition();
            windows[i] = feeds.stream().filter(feed -> feed.topic().equals(topic)).findFirst()
                    .map(feed -> feed.window(partition))
                    .orElseThrow(() -> new IllegalStateException("No feed for " + topic + "-" + partition));
        }
    }

    @Override
    public void serveInBackground() {
        begin();
    }

    @Override
    public void serveHere() {
        begin();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
        }
    }

    private void begin() {
        services.opened(this);
        channel.start(cursor.id());
        notices.forEach(channel::notice);
        lastWrite = System.nanoTime();
        if (joinWindows()) {
            readWindows();
        } else {
            services.catchUp(this);
        }
    }

    /**
     * Places the client in every window at its cursor, if every window still holds its next record with room to
     * spare (half a window), so that it does not fall out again at once; else it needs (more) history first.
     */
    private boolean joinWindows() {
        long[] start = new long[windows.length];
        for (int i = 0; i < windows.length; i++) {
            long s = windows[i].seqFor(cursor.next(i));
            if (s < 0 || windows[i].head() - s > windows[i].capacity() / 2) {
                return false;
            }
            start[i] = s;
        }
        System.arraycopy(start, 0, seq, 0, seq.length);
        return true;
    }

    private void readWindows() {
        inWindows = true;
        feeds.forEach(feed -> feed.join(this));
        signal();
    }

    /** There may be something to send: start a drain unless one is running or queued. Never blocks. */
    void signal() {
        if (inWindows && !ended.get() && scheduled.compareAndSet(false, true)) {
            if (channel.neverBlocks()) {
                sender.submit(this);
            } else if (!services.execute(this::drainTask)) {
                // The executor is full: the heartbeat tick will try again.
                scheduled.set(false);
            }
        }
    }

    /** Called on every heartbeat tick: a client that was silent for an interval gets a drain, which writes a heartbeat. */
    void tick(long now) {
        if (now - lastWrite >= heartbeatNanos) {
            signal();
        }
    }

    /** Runs one drain; the caller is the only thread draining this client until it returns. */
    void drainTask() {
        try {
            services.pump(channel, this::drain);
        } finally {
            scheduled.set(false);
            if (!channel.isOpen()) {
                end();
            } else if (hasMore() && !channel.isBacklogged()) {
                signal(); // a backlogged channel signals when it can take more
            }
        }
    }

    private void drain() {
        for (TopicFeed feed : feeds) {
            if (!feed.isServing()) {
                throw StreamProblem.kafkaUnavailable(new IllegalStateException("The shared consumer of " + feed.topic() + " failed"));
            }
        }
        int budget = DRAIN_BATCH;
        for (int i = 0; i < windows.length && budget > 0 && channel.isOpen(); i++) {
            PartitionWindow window = windows[i];
            long head = window.head();
            while (seq[i] < head && budget-- > 0) {
                WindowEntry entry = window.at(seq[i]);
                if (entry == null) {
                    throw StreamProblem.tooSlow(window.capacity());
                }
                seq[i]++;
                if (entry.offset() < cursor.next(i)) {
                    // Joined ahead of the window's first records (it started at a newer end): not for this client.
                    continue;
                }
                cursor.advance(i, entry.offset() + 1, entry.timestamp());
                if (!entry.isSkipped() && filter.accept(entry.record(), entry.value())) {
                    channel.message(cursor.id(), entry.data());
                    lastWrite = System.nanoTime();
                    if (channel.isBacklogged()) {
                        // The client has not taken what it was sent: the window keeps the rest until it has.
                        budget = 0;
                    }
                }
            }
        }
        channel.flush();
        if (System.nanoTime() - lastWrite >= heartbeatNanos) {
            channel.heartbeat();
            lastWrite = System.nanoTime();
        }
    }

    private boolean hasMore() {
        for (int i = 0; i < windows.length; i++) {
            if (seq[i] < windows[i].head()) {
                return true;
            }
        }
        return false;
    }

    /** On a catch-up thread: reads history with a consumer of its own until the windows hold its position. */
    void catchUpTask() {
        if (ended.get() || !channel.isOpen()) {
            end();
            return;
        }
        boolean[] joined = {false};
        services.pump(channel, () -> {
            TopicTail tail = services.catchUpTail(cursor, filter, channel);
            try {
                catchUp = tail;
                if (ended.get()) {
                    tail.shutdown();
                }
                joined[0] = tail.follow(this::joinWindows);
            } finally {
                services.catchUpEnded();
            }
        });
        catchUp = null;
        if (joined[0] && channel.isOpen() && !ended.get()) {
            readWindows();
        } else {
            end();
        }
    }

    /** Ends the stream once: leaves the feeds, stops a catch-up, closes the channel. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        inWindows = false;
        TopicTail tail = catchUp;
        if (tail != null) {
            tail.shutdown();
        }
        feeds.forEach(feed -> feed.leave(this));
        channel.close();
        services.closed(this, feeds);
        done.countDown();
    }

    @Override
    public void shutdown() {
        end();
    }
}
