package io.kafkasse.delivery;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.source.PartitionWindow;
import io.kafkasse.source.TopicWindows;
import io.kafkasse.source.WindowEntry;
import io.kafkasse.source.WindowReader;

/**
 * One client. It reads the windows of its topics with a cursor of its own and writes to its channel in short drains,
 * one at a time, started whenever a feed appended records. A client whose start is older than what the windows hold
 * first waits for a history consumer (with heartbeats), reads history with it, then joins the windows at the offsets
 * it reached, so nothing is lost or repeated on the way.
 * <p>
 * Who writes to the channel: only the thread that holds {@link #busy} (a drain, or the history read); {@link #end()}
 * may close the channel from any thread, after which writes are ignored.
 */
final class ClientStream implements OpenStream, WindowReader {

    /** Entries one drain handles before it makes way for other clients. */
    private static final int DRAIN_BATCH = 256;

    enum State { NEW, WAITING, HISTORY, WINDOWS, ENDED }

    private final ClientServices delivery;
    private final Cursor cursor;
    private final EventChannel channel;
    private final RecordFilter filter;
    private final List<String> notices;
    private final List<TopicWindows> topics;
    /** The window of each of the cursor's partitions, in cursor order, and the next entry to read in it. */
    private final PartitionWindow[] windows;
    private final long[] seq;
    private final long heartbeatNanos;
    /** The sender loop that runs this client's drains, when its channel never blocks. */
    private final Senders.Lane lane;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile long lastWrite;
    private volatile long waitingSince;
    private volatile HistoryTail history;

    ClientStream(ClientServices delivery, Cursor cursor, EventChannel channel, RecordFilter filter, List<String> notices,
                 List<TopicWindows> topics, Senders.Lane lane, long heartbeatNanos) {
        this.delivery = delivery;
        this.cursor = cursor;
        this.channel = channel;
        this.filter = filter;
        this.notices = notices;
        this.topics = topics;
        this.lane = lane;
        this.heartbeatNanos = heartbeatNanos;
        this.windows = new PartitionWindow[cursor.size()];
        this.seq = new long[cursor.size()];
        for (int i = 0; i < windows.length; i++) {
            String topic = cursor.partition(i).topic();
            int partition = cursor.partition(i).partition();
            windows[i] = topics.stream().filter(t -> t.topic().equals(topic)).findFirst()
                    .map(t -> t.window(partition))
                    .orElseThrow(() -> new IllegalStateException("No windows for " + topic + "-" + partition));
        }
    }

    State state() {
        return state.get();
    }

    @Override
    public void serveInBackground() {
        begin();
    }

    /**
     * Starts the stream: from here on every failure is the stream's own to report, as an {@code error} event with its
     * id (the response is already committed, so it can no longer be an HTTP status).
     */
    private void begin() {
        delivery.opened(this);
        channel.whenWritable(this::signal);
        busy.set(true);
        try {
            channel.start(cursor.id());
            notices.forEach(channel::notice);
            lastWrite = System.nanoTime();
            if (joinWindows()) {
                readWindows();
            } else {
                waitingSince = System.nanoTime();
                if (state.compareAndSet(State.NEW, State.WAITING)) {
                    delivery.waitForHistory(this);
                }
            }
        } catch (RuntimeException e) {
            failAndEnd(e);
        } finally {
            busy.set(false);
        }
        signal();
    }

    /**
     * Places the client in every window at its cursor, if every window holds its next record with room to spare, so
     * that it does not fall out again at once; else it needs (more) history first.
     */
    private boolean joinWindows() {
        long[] start = new long[windows.length];
        for (int i = 0; i < windows.length; i++) {
            long s = windows[i].seqFor(cursor.next(i));
            if (!windows[i].roomyAt(s)) {
                return false;
            }
            start[i] = s;
        }
        System.arraycopy(start, 0, seq, 0, seq.length);
        return true;
    }

    /** Joins the feeds: from now on their appends signal this client. */
    private void readWindows() {
        State from = state.get();
        if (from != State.ENDED && state.compareAndSet(from, State.WINDOWS)) {
            topics.forEach(topic -> topic.join(this));
            if (state.get() == State.ENDED) {
                // end() ran between the switch and the joins (a shutdown, which does not wait for busy): undo them.
                topics.forEach(topic -> topic.leave(this));
            }
        }
    }

    /** There may be something to do: start a drain unless one is running or queued. Never blocks. */
    @Override
    public void signal() {
        State now = state.get();
        if ((now == State.WINDOWS || now == State.WAITING) && busy.compareAndSet(false, true)) {
            if (lane != null && lane.submit(this::drainTask)) {
                return;
            }
            if (!delivery.execute(this::drainTask)) {
                busy.set(false);
                delivery.retrySoon(this);
            }
        }
    }

    /** On every tick of the heartbeat clock: a silent client gets a drain (which writes a heartbeat). */
    void tick(long now) {
        if (now - lastWrite >= heartbeatNanos || !channel.isOpen()
                || state.get() == State.WAITING && now - waitingSince > delivery.historyWaitNanos()) {
            signal();
        }
    }

    /** Runs one drain; the caller holds {@link #busy}. */
    private void drainTask() {
        try {
            if (!channel.isOpen()) {
                end();
            } else if (state.get() == State.WINDOWS) {
                drain();
            } else if (state.get() == State.WAITING) {
                waitTurn();
            }
        } catch (RuntimeException e) {
            failAndEnd(e);
        } finally {
            // Ordering rule: busy is cleared BEFORE hasMore() reads the windows' heads. A feed that appends after that
            // read calls signal(), which then finds busy clear and schedules a drain; were busy cleared after the read,
            // that append could go unnoticed until the next heartbeat.
            busy.set(false);
            if (!channel.isOpen()) {
                end();
            } else if (state.get() == State.WINDOWS && hasMore() && !channel.isBacklogged()) {
                signal();
            }
        }
    }

    private void drain() {
        for (TopicWindows topic : topics) {
            if (!topic.isServing()) {
                throw topic.failure();
            }
        }
        if (channel.isBacklogged()) {
            // The client has not taken what it was sent: the window keeps the rest until it has (whenWritable signals).
            if (channel.backloggedNanos() > delivery.writeTimeoutNanos()) {
                throw StreamProblem.tooSlowToSend(delivery.maxUnsentBytes());
            }
            return;
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
                    // Before where this client starts (the window was pre-filled from older records): not for it.
                    continue;
                }
                cursor.advance(i, entry.offset() + 1, entry.timestamp());
                if (!entry.isSkipped() && filter.accept(entry.record(), entry.value())) {
                    channel.message(cursor.id(), entry.data());
                    lastWrite = System.nanoTime();
                    if (channel.isBacklogged()) {
                        budget = 0;
                    }
                }
            }
        }
        channel.flush();
        heartbeatIfDue();
    }

    /** While waiting for a history consumer: heartbeats, and a bounded wait. */
    private void waitTurn() {
        if (System.nanoTime() - waitingSince > delivery.historyWaitNanos()) {
            delivery.leaveHistoryQueue(this);
            throw StreamProblem.overloaded(new IllegalStateException("No history consumer became free in time"));
        }
        heartbeatIfDue();
    }

    private void heartbeatIfDue() {
        if (System.nanoTime() - lastWrite >= heartbeatNanos) {
            channel.heartbeat();
            channel.flush();
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

    /**
     * The client's turn for a history consumer, on an executor thread: reads history until the windows hold its
     * position, then joins them. Returns at once if the client left while it waited.
     */
    void historyTurn() {
        while (!busy.compareAndSet(false, true)) {
            if (state.get() == State.ENDED) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a drain writing a heartbeat: a short wait
        }
        try {
            if (!state.compareAndSet(State.WAITING, State.HISTORY) || !channel.isOpen()) {
                end();
                return;
            }
            HistoryTail tail = delivery.historyTail(cursor, filter, channel);
            history = tail;
            if (state.get() == State.ENDED) {
                tail.shutdown();
            }
            boolean joined = tail.follow(this::joinWindows);
            history = null;
            if (joined && channel.isOpen()) {
                readWindows();
            } else {
                end();
            }
        } catch (RuntimeException e) {
            failAndEnd(e);
        } finally {
            busy.set(false);
        }
        signal();
    }

    private void failAndEnd(RuntimeException e) {
        StreamFailures.report(channel, e);
        end();
    }

    /** Ends the stream once, from any thread: leaves the feeds and the history line, stops a history read, closes the channel. */
    void end() {
        if (state.getAndSet(State.ENDED) == State.ENDED) {
            return;
        }
        HistoryTail tail = history;
        if (tail != null) {
            tail.shutdown();
        }
        topics.forEach(topic -> topic.leave(this));
        channel.close();
        delivery.closed(this, topics);
    }

    /** Ends the stream because the server stops: the client is told to come back, with its id. */
    void shutdown(StreamProblem reason) {
        if (state.get() != State.ENDED) {
            if (busy.compareAndSet(false, true)) {
                try {
                    channel.fail(reason);
                } finally {
                    busy.set(false);
                }
            }
            end();
            // The response must end now: the timer that would end it after a slow client stops with the server, and a
            // request left open holds the server's stop (Liberty waits for it to quiesce).
            channel.closeNow();
        }
    }
}
