package io.kafkasse.delivery;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.observe.CloseReason;
import io.kafkasse.observe.Connection;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.ResumeFrom;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.sink.StreamEnd;
import io.kafkasse.source.HistoryReader;
import io.kafkasse.source.HistoryReaders;
import io.kafkasse.source.PartitionWindow;
import io.kafkasse.source.TopicWindows;
import io.kafkasse.source.WindowEntry;

/**
 * One client. It reads windows with a cursor of its own and writes to its channel in short drains, one at a time,
 * started whenever records were appended. A client whose start is older than what the live windows hold first rides
 * a shared history reader (waiting for one, with heartbeats, when none has room for it): it drains the reader's
 * windows with the very same drain, and after each drain, once every live window holds its position with room, it
 * switches to the live windows at exactly that offset and leaves the reader, so nothing is lost or repeated.
 * <p>
 * Who writes to the channel, and who changes {@link #place}: only the thread that holds {@link #busy} (a drain);
 * {@link #end(CloseReason)} may close the channel from any thread, after which writes are ignored.
 */
final class ClientStream implements OpenStream, HistoryReaders.Rider {

    /** Entries one drain handles before it makes way for other clients. */
    private static final int DRAIN_BATCH = 256;

    enum State { NEW, WAITING, HISTORY, WINDOWS, ENDED }

    /**
     * What the drains read: a window for each of the cursor's partitions, in cursor order, and the next entry to read
     * in each; {@code reader} is the history reader those windows belong to, null for the live windows. Replaced whole,
     * so a look from another thread never pairs one place's windows with another's positions.
     */
    private record Place(PartitionWindow[] windows, AtomicLongArray seq, HistoryReader reader) {
    }

    /**
     * A moment (nanoTime) at which the stream ends on purpose, and why: cleanly ({@code reason}, an {@code end} event),
     * or with an {@code error} event ({@code problem}: its token expired).
     */
    private record Ending(long at, StreamEnd reason, StreamProblem problem) {
        boolean due(long now) {
            return now - at >= 0;
        }
    }

    private final ClientServices delivery;
    private final Connection connection;
    private final Cursor cursor;
    private final EventChannel channel;
    private final RecordFilter filter;
    /** Whether the filter reads records' JSON trees: most streams send records without one ever being built. */
    private final boolean filterReadsValue;
    /** The drain as a task, made once: a signal per record and client must not allocate one each time. */
    private final Runnable runDrain = this::drainTask;
    private final List<String> notices;
    private final List<TopicWindows> topics;
    /** The live window of each of the cursor's partitions, in cursor order. */
    private final PartitionWindow[] live;
    private final long heartbeatNanos;
    /** Set by {@link #probe} on any thread; the drain writes a heartbeat and clears it. */
    private volatile boolean probeDue;
    /** The sender loop that runs this client's drains, when its channel never blocks. */
    private final Senders.Lane lane;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Place place;
    /** The history reader's place given to this client, taken up by its next drain; kept so that it can be left. */
    private volatile HistoryReader.Ride ride;
    private volatile long lastWrite;
    private volatile long waitingSince;
    /** When the stream is to end cleanly (its lifetime, a drain); null while it has no end planned. */
    private final AtomicReference<Ending> ending = new AtomicReference<>();

    ClientStream(ClientServices delivery, Connection connection, Cursor cursor, EventChannel channel, RecordFilter filter,
                 List<String> notices, List<TopicWindows> topics, Senders.Lane lane, long heartbeatNanos) {
        this.delivery = delivery;
        this.connection = connection;
        this.cursor = cursor;
        this.channel = channel;
        this.filter = filter;
        this.filterReadsValue = filter.readsValue();
        this.notices = notices;
        this.topics = topics;
        this.lane = lane;
        this.heartbeatNanos = heartbeatNanos;
        this.live = new PartitionWindow[cursor.size()];
        for (int i = 0; i < live.length; i++) {
            String topic = cursor.partition(i).topic();
            int partition = cursor.partition(i).partition();
            live[i] = topics.stream().filter(t -> t.topic().equals(topic)).findFirst()
                    .map(t -> t.window(partition))
                    .orElseThrow(() -> new IllegalStateException("No windows for " + topic + "-" + partition));
        }
    }

    State state() {
        return state.get();
    }

    /** The request this stream serves: its streams, client and counts. */
    Connection connection() {
        return connection;
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
        connection.probeWith(this::probe);
        connection.started();
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
                    delivery.waitForHistory(this, cursor);
                }
            }
        } catch (RuntimeException | Error e) {
            failAndEnd(e);
        } finally {
            busy.set(false);
        }
        signal();
    }

    /**
     * Places the client in every live window at its cursor, if every window holds its next record with room to spare,
     * so that it does not fall out again at once; else it needs (more) history first. The caller holds {@link #busy}.
     */
    private boolean joinWindows() {
        long[] start = new long[live.length];
        for (int i = 0; i < live.length; i++) {
            long s = live[i].seqFor(cursor.next(i));
            if (!live[i].roomyAt(s)) {
                return false;
            }
            start[i] = s;
        }
        place = new Place(live, new AtomicLongArray(start), null);
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

    /**
     * A place on a history reader, from any thread. Ordering rule: {@link #ride} is written before the state is read,
     * and {@link #end(CloseReason)} writes the state before it reads {@link #ride}, so a ride given to a stream that is ending is
     * left by one of the two (leaving twice is harmless).
     */
    @Override
    public void board(HistoryReader.Ride given) {
        ride = given;
        if (state.get() == State.ENDED) {
            given.reader().leave(this);
        } else {
            signal();
        }
    }

    /** What its channel holds that the client has not taken yet. */
    long unsentBytes() {
        return channel.unsentBytes();
    }

    /**
     * Writes to the client at its next drain, due or not, so that a client that left is found out by the write
     * failing (the per-client limit asks this of a client's streams before it turns the client away). Never blocks.
     */
    void probe() {
        probeDue = true;
        signal();
    }

    /** There may be something to do: start a drain unless one is running or queued. Never blocks. */
    @Override
    public void signal() {
        State now = state.get();
        if (now != State.NEW && now != State.ENDED && busy.compareAndSet(false, true)) {
            if (lane != null && lane.submit(runDrain)) {
                return;
            }
            if (!delivery.execute(runDrain)) {
                busy.set(false);
                delivery.retrySoon(this);
            }
        }
    }

    /**
     * Plans a clean end at {@code atNanos} (System.nanoTime): the drain that runs at or after that moment writes an
     * {@code end} event with the stream's position and ends it. An earlier plan stands.
     */
    void endAt(long atNanos, StreamEnd reason) {
        plan(new Ending(atNanos, reason, null));
    }

    /**
     * Plans an end with an {@code error} event at {@code atNanos}: its id is the cursor's, so the client resumes
     * exactly after what it was sent. An earlier plan stands.
     */
    void failAt(long atNanos, StreamProblem problem) {
        plan(new Ending(atNanos, null, problem));
    }

    private void plan(Ending planned) {
        ending.accumulateAndGet(planned, (current, next) -> current == null || next.at() - current.at() < 0 ? next : current);
    }

    /**
     * At a stop: ends the stream now, on the calling thread, if its planned end is due and no drain holds it (a drain
     * that holds it is asked again on the caller's next round). The server may already refuse the executor tasks a
     * drain would run on, and the JVM may exit right after the drain: the end cannot wait for them.
     */
    void endIfDue(long now) {
        Ending planned = ending.get();
        if (planned == null || !planned.due(now) || state.get() == State.ENDED || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            finish(planned);
        } catch (RuntimeException e) {
            // The server is stopping under the stream (a write that throws): the client resumes from its last id.
            channel.closeNow();
        } finally {
            end(reasonOf(planned));
            busy.set(false);
        }
    }

    /** On every tick of the heartbeat clock: a silent client gets a drain (which writes a heartbeat). */
    void tick(long now) {
        Ending planned = ending.get();
        if (now - lastWrite >= heartbeatNanos || !channel.isOpen() || planned != null && planned.due(now)
                || channel.isBacklogged() && channel.backloggedNanos() > delivery.historyPatienceNanos()
                || state.get() == State.WAITING && now - waitingSince > delivery.historyWaitNanos()) {
            signal();
        }
    }

    /** Runs one drain; the caller holds {@link #busy}. */
    private void drainTask() {
        try {
            if (!channel.isOpen()) {
                end(CloseReason.CLIENT_LEFT);
                return;
            }
            Ending planned = ending.get();
            if (planned != null && planned.due(System.nanoTime())) {
                // Whatever was read is already written; the id is the cursor's, past every record this client read
                // (filtered ones included), so the client resumes exactly after them.
                finish(planned);
                end(reasonOf(planned));
                return;
            }
            if (state.get() == State.WAITING) {
                if (ride != null) {
                    takeRide();
                } else {
                    waitTurn();
                }
            }
            State now = state.get();
            if (now == State.WINDOWS) {
                drain();
            } else if (now == State.HISTORY) {
                drain();
                joinLiveIfRoomy();
            }
        } catch (RuntimeException | Error e) {
            // An Error too (a record too big for the heap, a filter bean's own): it ends this stream, which gives back
            // its places, never the sender thread that serves others.
            failAndEnd(e);
        } finally {
            // Ordering rule: busy is cleared BEFORE hasMore() reads the windows' heads (and before ride is read). An
            // append, or a ride given, after that read calls signal(), which then finds busy clear and schedules a
            // drain; were busy cleared after the read, it could go unnoticed until the next heartbeat.
            busy.set(false);
            State now = state.get();
            if (!channel.isOpen()) {
                end(CloseReason.CLIENT_LEFT);
            } else if (now == State.WAITING && ride != null
                    || (now == State.WINDOWS || now == State.HISTORY) && hasMore() && !channel.isBacklogged()) {
                signal();
            }
        }
    }

    /** Takes up the history reader's place: from now on drains read its windows. */
    private void takeRide() {
        HistoryReader.Ride given = ride;
        connection.waitedForHistory(System.nanoTime() - waitingSince);
        place = new Place(given.reader().windows(), given.seq(), given.reader());
        state.compareAndSet(State.WAITING, State.HISTORY); // if it ended meanwhile, end() left the reader
    }

    /**
     * After a drain of history: once every live window holds the client's position with room, it joins the live
     * windows at exactly that offset and leaves the reader. Ordering rule: it joins the topics before it leaves the
     * reader, so that no append to the live windows after the switch goes unsignalled.
     */
    private void joinLiveIfRoomy() {
        HistoryReader reader = place.reader();
        if (joinWindows()) {
            readWindows();
            reader.leave(this);
        }
    }

    private void drain() {
        for (TopicWindows topic : topics) {
            if (!topic.isServing()) {
                throw topic.failure();
            }
        }
        Place p = place;
        if (p.reader() != null && p.reader().failure() != null) {
            throw p.reader().failure();
        }
        if (channel.isBacklogged()) {
            // The client has not taken what it was sent: the window keeps the rest until it has (whenWritable signals).
            // On a history reader, which waits for its slowest rider, it may do so for less long.
            long patience = p.reader() != null ? delivery.historyPatienceNanos() : delivery.writeTimeoutNanos();
            if (channel.backloggedNanos() > patience) {
                throw StreamProblem.tooSlowToSend(delivery.maxUnsentBytes());
            }
            return;
        }
        int budget = DRAIN_BATCH;
        boolean wrote = false;
        long now = System.currentTimeMillis();
        for (int i = 0; i < p.windows().length && budget > 0 && channel.isOpen(); i++) {
            PartitionWindow window = p.windows()[i];
            long head = window.head();
            long seq = p.seq().get(i);
            while (seq < head && budget-- > 0) {
                WindowEntry entry = window.at(seq);
                if (entry == null) {
                    throw StreamProblem.tooSlow(window.capacity());
                }
                seq++;
                if (entry.offset() < cursor.next(i)) {
                    // Before where this client starts (the window was pre-filled from older records): not for it.
                    continue;
                }
                cursor.advance(i, entry.offset() + 1, entry.timestamp());
                if (entry.isSkipped()) {
                    continue;
                }
                // A notice in place of a record too large goes to every client: none can tell whether it wanted it.
                if (entry.notice() || filter.accept(entry.record(), filterReadsValue ? entry.value() : null)) {
                    String id = cursor.id();
                    // Counted before the write: a writer may put the bytes on the wire at once, and whoever has read an
                    // event must find it counted. The bytes of the data and id lines: the same whichever writer and framing.
                    connection.sent(entry.record().topic(), entry.data().size() + id.length() + 5, entry.timestamp(), now);
                    if (entry.notice()) {
                        channel.skipped(id, entry.data());
                    } else {
                        channel.message(id, entry.data());
                    }
                    wrote = true;
                    if (channel.isBacklogged()) {
                        budget = 0;
                    }
                } else {
                    connection.filtered(entry.record().topic());
                }
            }
            // Published once a partition is done: a history reader reads it to know what it may evict.
            p.seq().set(i, seq);
        }
        if (p.reader() != null) {
            p.reader().moved();
        }
        channel.flush();
        // One clock read per drain, not per event: the heartbeat only needs to know that something was written lately.
        long nanos = System.nanoTime();
        if (wrote) {
            lastWrite = nanos;
        }
        heartbeatIfDue(nanos);
    }

    /** While waiting for a history reader: heartbeats, and a bounded wait. */
    private void waitTurn() {
        if (System.nanoTime() - waitingSince > delivery.historyWaitNanos()) {
            delivery.leaveHistoryQueue(this);
            connection.waitedForHistory(System.nanoTime() - waitingSince);
            throw StreamProblem.overloaded(new IllegalStateException("No history reader had room in time"));
        }
        heartbeatIfDue(System.nanoTime());
    }

    private void heartbeatIfDue(long nanos) {
        if (probeDue || nanos - lastWrite >= heartbeatNanos) {
            probeDue = false;
            channel.heartbeat();
            channel.flush();
            lastWrite = System.nanoTime();
        }
    }

    private boolean hasMore() {
        Place p = place;
        if (p == null) {
            return false;
        }
        for (int i = 0; i < p.windows().length; i++) {
            if (p.seq().get(i) < p.windows()[i].head()) {
                return true;
            }
        }
        return false;
    }

    private void failAndEnd(Throwable e) {
        // Some failures say where to resume themselves (past a record passed over, or naming partitions added since);
        // the others resume from the last event delivered.
        StreamProblem problem = e instanceof ResumeFrom resume
                ? StreamFailures.report(channel, e, resume.resumeId(cursor))
                : StreamFailures.report(channel, e);
        end(problem.closeReason());
    }

    /** Writes the planned end: an {@code end} event, or the planned problem as an {@code error} event. */
    private void finish(Ending planned) {
        if (planned.problem() != null) {
            StreamFailures.report(channel, planned.problem());
        } else {
            channel.finish(cursor.id(), planned.reason(), delivery.reconnectMillis());
        }
    }

    private static CloseReason reasonOf(Ending planned) {
        if (planned.problem() != null) {
            return planned.problem().closeReason();
        }
        return planned.reason() == StreamEnd.LIFETIME ? CloseReason.LIFETIME : CloseReason.DRAINED;
    }

    /**
     * Ends the stream once, from any thread: leaves the feeds, the history line and its reader, closes the channel.
     * The first caller's reason is the one counted.
     */
    void end(CloseReason reason) {
        if (state.getAndSet(State.ENDED) == State.ENDED) {
            return;
        }
        connection.closed(reason);
        HistoryReader.Ride given = ride;
        if (given != null) {
            given.reader().leave(this);
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
            end(reason.closeReason());
            // The response must end now: the timer that would end it after a slow client stops with the server, and a
            // request left open holds the server's stop (Liberty waits for it to quiesce).
            channel.closeNow();
        }
    }
}
