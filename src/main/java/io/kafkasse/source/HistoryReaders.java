package io.kafkasse.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.error.StreamProblem;

/**
 * The shared history readers, at most {@code limit} at once (each holds a Kafka consumer), and the line of clients
 * waiting for one. A client whose start is older than the live windows rides a running reader of exactly its
 * partitions whose windows hold its position ({@link HistoryReader#join}); failing that it gets a new reader at its
 * position while fewer than the limit run; failing that it waits its turn, in arrival order. Consumers for history
 * therefore grow with the spread of the positions clients resume from, not with the number of clients.
 * <p>
 * Lock order: this registry's lock, then a reader's; a reader never calls back into the registry while it holds its
 * own lock. Riders are told of their ride ({@link Rider#board}) after the lock is let go.
 */
public final class HistoryReaders {

    /** A client reading history: it is told of its ride on any thread, and must not block there. */
    public interface Rider extends WindowReader {

        /** The rider has a place on a reader; it takes it up on a thread of its own (and leaves it when done). */
        void board(HistoryReader.Ride ride);
    }

    private record Wanted(List<TopicPartition> partitions, long[] next) {
    }

    private final int limit;
    private final int windowRecords;
    private final long windowBytes;
    private final Supplier<Consumer<byte[], byte[]>> open;
    private final Runnable closedReport;
    private final WindowAppender appender;
    private volatile Executor executor;
    /** Guarded by {@code this}. */
    private static final Logger LOG = Logger.getLogger(HistoryReaders.class.getName());
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<HistoryReader> readers = new ArrayList<>();
    private final Map<Rider, Wanted> line = new LinkedHashMap<>();
    private boolean stopped = true;

    /**
     * @param limit        readers at once ({@code sse.shared.catch-up-consumers})
     * @param open         opens a history consumer (called on the reader's thread)
     * @param closedReport reports a consumer from {@code open} closed
     */
    public HistoryReaders(int limit, int windowRecords, long windowBytes, Supplier<Consumer<byte[], byte[]>> open,
                          Runnable closedReport, WindowAppender appender) {
        this.limit = limit;
        this.windowRecords = windowRecords;
        this.windowBytes = windowBytes;
        this.open = open;
        this.closedReport = closedReport;
        this.appender = appender;
    }

    /** Readers run on threads of this executor from now on. */
    public synchronized void start(Executor executor) {
        this.executor = executor;
        stopped = false;
    }

    /** Bytes the running readers' windows hold now. */
    public long windowBytes() {
        List<HistoryReader> running;
        synchronized (this) {
            running = List.copyOf(readers);
        }
        long bytes = 0;
        for (HistoryReader reader : running) {
            for (PartitionWindow window : reader.windows()) {
                bytes += window.bytes();
            }
        }
        return bytes;
    }

    /** Ends every reader (their riders are told the server is shutting down) and empties the line. */
    public void stop() {
        List<HistoryReader> running;
        synchronized (this) {
            stopped = true;
            line.clear();
            running = List.copyOf(readers);
        }
        running.forEach(HistoryReader::shutdown);
        // Ordering rule, as for the feeds (Feeds#stop): an undeploy closes the WAR's class loader right after this
        // returns, and a consumer closed later cannot load what its close needs, leaving it and its MBean behind.
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        for (HistoryReader reader : running) {
            try {
                if (!reader.awaitEnded(Math.max(0, deadline - System.nanoTime()))) {
                    LOG.warning("A history reader did not close its consumer within " + CLOSE_WAIT_NANOS / 1_000_000 + " ms of the stop");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Finds the rider a place for history from {@code next} (offsets in the order of {@code partitions}, the cursor's):
     * {@link Rider#board} is called, on this thread or later on another, unless it leaves the line first.
     */
    public void board(Rider rider, List<TopicPartition> partitions, long[] next) {
        synchronized (this) {
            line.put(rider, new Wanted(List.copyOf(partitions), next.clone()));
        }
        serveLine();
    }

    /** A rider that went away, or waited too long, gives its place in the line back at once. */
    public synchronized void leaveLine(Rider rider) {
        line.remove(rider);
    }

    /**
     * Serves the line in arrival order: every waiting rider that a running reader can take rides it; the first ones
     * that need a reader of their own get one while fewer than the limit run. Once a rider found no room, no later
     * one starts a reader (it would pass the rider in line), though later ones may still ride. Called on arrivals,
     * when a reader ends, and on every tick.
     */
    public void serveLine() {
        List<Runnable> boarded = new ArrayList<>();
        List<HistoryReader> started = new ArrayList<>();
        synchronized (this) {
            if (stopped) {
                return;
            }
            boolean mayStart = true;
            for (Iterator<Map.Entry<Rider, Wanted>> it = line.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Rider, Wanted> waiting = it.next();
                Rider rider = waiting.getKey();
                Wanted wanted = waiting.getValue();
                HistoryReader.Ride ride = rideRunning(rider, wanted);
                if (ride == null && mayStart) {
                    if (readers.size() < limit) {
                        HistoryReader reader = newReader(wanted);
                        readers.add(reader);
                        started.add(reader);
                        ride = reader.join(rider, wanted.next());
                    } else {
                        mayStart = false;
                    }
                }
                if (ride != null) {
                    it.remove();
                    HistoryReader.Ride place = ride;
                    boarded.add(() -> rider.board(place));
                }
            }
        }
        // The riders joined their readers under the lock, so a reader's first appends already signal them.
        boarded.forEach(Runnable::run);
        started.forEach(this::run);
    }

    private HistoryReader.Ride rideRunning(Rider rider, Wanted wanted) {
        for (HistoryReader reader : readers) {
            if (reader.partitions().equals(wanted.partitions())) {
                HistoryReader.Ride ride = reader.join(rider, wanted.next());
                if (ride != null) {
                    return ride;
                }
            }
        }
        return null;
    }

    private HistoryReader newReader(Wanted wanted) {
        return new HistoryReader(open, closedReport, wanted.partitions(), wanted.next(), windowRecords, windowBytes,
                appender, this::ended);
    }

    private void run(HistoryReader reader) {
        try {
            executor.execute(reader::run);
        } catch (RejectedExecutionException e) {
            // No thread for it: its riders are told the server is busy, and come back later.
            reader.abandon(StreamProblem.overloaded(e));
        }
    }

    /** A reader's loop ended (its consumer closed): its place goes to the line. */
    private void ended(HistoryReader reader) {
        synchronized (this) {
            readers.remove(reader);
        }
        serveLine();
    }

    /** Riders waiting in line. */
    public synchronized int waiting() {
        return line.size();
    }

    /** Readers running now (each holds a consumer). */
    public synchronized int running() {
        return readers.size();
    }
}
