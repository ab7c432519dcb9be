package io.kafkasse.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ReconnectDelay;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.observe.Connection;
import io.kafkasse.observe.ConnectionLog;
import io.kafkasse.observe.UnexpectedFailures;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.sink.StreamEnd;
import io.kafkasse.source.Feeds;
import io.kafkasse.source.TopicWindows;

/**
 * Owns every thread the service runs besides the container's request threads: the feeds' poll loops, the sender
 * loops and the heartbeat tick, started together when the application starts and stopped together when it stops.
 * Clients are served on them: drains on the senders (or, for channels whose writes block, as executor tasks); history
 * older than the windows is read by the shared history readers of {@link Feeds#history()}, at most
 * {@code sse.shared.catch-up-consumers} at once, whose riders drain them the same way.
 */
@ApplicationScoped
public class Delivery implements ClientServices {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    /** How often the topics being fed are checked for deletion: the Kafka client warns on every fetch until then. */
    private static final long TOPIC_CHECK_SECONDS = 2;
    static final long MEMORY_SAMPLE_MILLIS = 200;
    /** How often queued connection lines are written ({@link ConnectionLog}). */
    static final long LOG_WRITE_MILLIS = 100;
    /** See {@link ClientServices#historyPatienceNanos()}: a client that reads nothing for this long leaves its reader. */
    static final long HISTORY_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * After the drain period, how long until the server is surely gone: the drain's own grace (2 s), and the server's
     * stop, during which it answers new requests with errors of its own (Payara Micro, holding 10,000 connections
     * on 2 cores: 3 s of grace beyond the drain, then about 5 s to stop).
     */
    private static final long GONE_AFTER_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Inject
    ServiceConfig config;

    @Inject
    StreamExecutor executor;

    @Inject
    Feeds feeds;

    @Inject
    ReconnectDelay reconnectDelay;

    @Inject
    UnexpectedFailures failures;

    @Inject
    ConnectionLog connectionLog;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Set<ClientStream> streams = ConcurrentHashMap.newKeySet();
    private final ThrottledWarning refused = new ThrottledWarning(LOG);
    private Senders senders;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> topicChecks;
    private ScheduledFuture<?> memorySamples;
    private ScheduledFuture<?> logWrites;
    private MemoryBudget memory;
    private volatile boolean running;
    /** Runs the drains the stream executor refuses while the server stops; null until then. */
    private volatile ExecutorService stopping;
    /** Guarded by this. */
    private boolean drained;
    private Thread atExit;

    /** Starts the feeds, the senders and the tick as the application starts, so the first request finds them running. */
    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (running) {
            return;
        }
        senders = new Senders(config.senderThreads(), failures::record);
        try {
            feeds.start(executor::execute);
            senders.start(executor::execute);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The stream executor " + config.executor() + " refused the service's "
                    + config.feedConsumers() + " feed and " + config.senderThreads() + " sender threads; give it more"
                    + " (server-config/ shows how)", e);
        }
        long period = Math.max(50, config.heartbeatInterval().toMillis() / 4);
        ticks = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        topicChecks = scheduler.scheduleWithFixedDelay(feeds::checkTopics, TOPIC_CHECK_SECONDS, TOPIC_CHECK_SECONDS, TimeUnit.SECONDS);
        memory = new MemoryBudget(config.memoryMaxBytes(), () -> feeds.windowBytes() + unsentBytes());
        memorySamples = scheduler.scheduleWithFixedDelay(this::sampleMemory, MEMORY_SAMPLE_MILLIS, MEMORY_SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
        connectionLog.queue();
        logWrites = scheduler.scheduleWithFixedDelay(connectionLog::writeQueued, LOG_WRITE_MILLIS, LOG_WRITE_MILLIS,
                TimeUnit.MILLISECONDS);
        running = true;
        drained = false;
        Drain.loadClasses();
        atExit = new Thread(this::drainAtExit, "kafka-sse-drain-at-exit");
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /**
     * The process is asked to stop (SIGTERM): the streams are drained at once, while the server still serves. A server
     * may stop without ever undeploying the WAR (Payara Micro cuts every connection and never calls {@link #stop()});
     * others undeploy it while their own stop runs, and {@link #stop()} then waits for this drain.
     */
    private void drainAtExit() {
        try {
            drain();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "Draining the streams at exit failed: they are cut, and their clients resume from their last id", e);
        }
    }

    private synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        running = false; // new streams get the retryable answer from here on
        // The periodic tasks end first: at a SIGTERM, WildFly stops the managed scheduler's context while this hook
        // runs, and each later tick failed with an error in its log (WFLYEE0110, about 11 per task). The drain does not
        // need them: Drain.spread ends each stream on this thread, and records still reach clients on the senders.
        cancelTimers();
        // Connection lines are written at once from here on, on the thread that ends each stream: the process may exit
        // right after this drain, and nothing may be left queued.
        connectionLog.direct();
        // Every client ended (or turned away) from now on is told to come back once this server is gone: a server
        // that stops answers new requests with errors of its own (Payara Micro: 503 and 500 during its shutdown
        // grace), and an EventSource gives up for good on those.
        reconnectDelay.notBefore(System.nanoTime() + config.drainPeriod().toNanos() + GONE_AFTER_DRAIN_NANOS,
                config.drainPeriod());
        // A stopping server may refuse new tasks on its executors from the first moment (WildFly suspends them at
        // a SIGTERM), while the drains of clients whose writes block run as such tasks: they run on the drain's own
        // threads instead, so those streams keep receiving records until their end.
        stopping = Drain.threads(config.senderThreads());
        try {
            Drain.spread(streams, config.drainPeriod());
        } finally {
            stopping.shutdown();
        }
        // Those the period did not end (a client too slow to take its end) are told at once: a server that never
        // undeploys the WAR (Payara Micro) exits right after this hook, and stop() never comes.
        StreamProblem reason = StreamProblem.shuttingDown();
        streams.forEach(stream -> stream.shutdown(reason));
    }

    /**
     * The server stops or the WAR is undeployed. Ordering rule: new streams are refused first (with the retryable
     * answer), then the open ones are drained over {@code sse.drain-period} while the feeds, senders and tick still
     * run, then whatever is left is ended at once (with an error event saying so), and only then do the threads stop.
     */
    @PreDestroy
    synchronized void stop() {
        if (atExit != null) {
            try {
                // An undeploy (not an exit) must not leave a thread of this class loader with the JVM.
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook runs (or ran) the drain, which this method waited for
            }
        }
        drain();
        cancelTimers();
        StreamProblem reason = StreamProblem.shuttingDown();
        streams.forEach(stream -> stream.shutdown(reason));
        if (senders != null) {
            senders.stop();
        }
        feeds.stop();
    }

    private void cancelTimers() {
        if (ticks != null) {
            ticks.cancel(false);
            topicChecks.cancel(false);
            memorySamples.cancel(false);
            logWrites.cancel(false);
        }
    }

    /** The bound on what is held for clients; sampled every {@value #MEMORY_SAMPLE_MILLIS} ms. */
    public MemoryBudget memory() {
        return memory;
    }

    private void sampleMemory() {
        try {
            memory.sample();
        } catch (RuntimeException e) {
            // A sample that throws would cancel every later one: the bound would stay at its last value.
            LOG.log(Level.SEVERE, "Sampling the memory held for clients failed", e);
        }
    }

    private long unsentBytes() {
        long bytes = 0;
        for (ClientStream stream : streams) {
            bytes += stream.unsentBytes();
        }
        return bytes;
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (ClientStream stream : streams) {
                stream.tick(now);
            }
            // A safety net: the line is served on every arrival and every reader's end already.
            feeds.history().serveLine();
        } catch (RuntimeException e) {
            // A tick that throws would cancel every later one: no more heartbeats for anybody.
            LOG.log(Level.SEVERE, "The heartbeat tick failed", e);
        }
    }

    /** A new client: opened once its windows are leased; the lane is where its drains run if its channel never blocks. */
    public OpenStream open(Cursor cursor, EventChannel channel, RecordFilter filter, List<String> notices, List<TopicWindows> topics,
                           Connection connection, long accessUntilMillis) {
        if (!running) {
            throw StreamProblem.shuttingDown();
        }
        ClientStream stream = new ClientStream(this, connection, cursor, channel, filter, notices, topics,
                channel.neverBlocks() ? senders.assign() : null, config.heartbeatInterval().toNanos());
        long lifetime = config.maxLifetime().toNanos();
        if (lifetime > 0) {
            // Each stream at its own moment in the last tenth of its lifetime: a population that connected together
            // (after a restart) does not come back together.
            stream.endAt(System.nanoTime() + lifetime - ThreadLocalRandom.current().nextLong(lifetime / 10 + 1), StreamEnd.LIFETIME);
        }
        if (accessUntilMillis > 0) {
            // The token's expiry is wall-clock time; the plan runs on the monotonic clock from here.
            long left = Math.max(0, accessUntilMillis - System.currentTimeMillis());
            stream.failAt(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(left), StreamProblem.tokenExpired());
        }
        return stream;
    }

    @Override
    public void opened(ClientStream stream) {
        streams.add(stream);
    }

    @Override
    public void closed(ClientStream stream, List<TopicWindows> leased) {
        streams.remove(stream);
        feeds.history().leaveLine(stream);
        leased.forEach(feeds::release);
    }

    /** Runs a drain whose writes may block on an executor thread; false when the executor is full. */
    @Override
    public boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            ExecutorService drainThreads = stopping;
            if (drainThreads == null) {
                return false;
            }
            try {
                drainThreads.execute(task);
                return true;
            } catch (RejectedExecutionException over) {
                return false; // the drain is over: the stream is ended by stop()
            }
        }
    }

    /** A drain the executor refused is asked for again shortly, not at the next heartbeat. */
    @Override
    public void retrySoon(ClientStream stream) {
        refused.warn(() -> "The stream executor is full: drains of clients whose writes block are retried");
        scheduler.schedule(stream::signal, 50, TimeUnit.MILLISECONDS);
    }

    @Override
    public void waitForHistory(ClientStream stream, Cursor cursor) {
        List<TopicPartition> partitions = new ArrayList<>(cursor.size());
        long[] next = new long[cursor.size()];
        for (int i = 0; i < cursor.size(); i++) {
            partitions.add(cursor.partition(i));
            next[i] = cursor.next(i);
        }
        feeds.history().board(stream, partitions, next);
    }

    @Override
    public void leaveHistoryQueue(ClientStream stream) {
        feeds.history().leaveLine(stream);
    }

    @Override
    public long reconnectMillis() {
        return reconnectDelay.nextMillis();
    }

    @Override
    public long historyWaitNanos() {
        return config.historyWait().toNanos();
    }

    @Override
    public long writeTimeoutNanos() {
        return config.writeTimeout().toNanos();
    }

    @Override
    public long historyPatienceNanos() {
        return Math.min(config.writeTimeout().toNanos(), HISTORY_PATIENCE_NANOS);
    }

    @Override
    public int maxUnsentBytes() {
        return config.maxUnsentBytes();
    }

    /** The scheduler the service's timers run on (a write timeout after an error event, a retried drain). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** False before the start and from the first moment of a stop (the drain): no new stream is taken. */
    public boolean takesStreams() {
        return running;
    }

    /** How long the feed or sender loop that went round longest ago has not (Long.MAX_VALUE for a dead one). */
    public long longestLoopSilenceNanos() {
        Senders current = senders;
        return Math.max(feeds.longestFeedSilenceNanos(), current == null ? 0 : current.longestSilenceNanos());
    }

    /** Clients being served. */
    public int streams() {
        return streams.size();
    }

    /** The requests of the streams being served. */
    public List<Connection> connections() {
        List<Connection> open = new ArrayList<>(streams.size());
        streams.forEach(stream -> open.add(stream.connection()));
        return open;
    }

    /** Clients being served, by stream requested (a client of several streams counts in each). */
    public Map<String, Integer> clientsPerStream() {
        Map<String, Integer> counts = new HashMap<>();
        for (ClientStream stream : streams) {
            stream.connection().streams().forEach(name -> counts.merge(name, 1, Integer::sum));
        }
        return counts;
    }

    /** Clients waiting for a history reader. */
    public int waitingForHistory() {
        return feeds.history() == null ? 0 : feeds.history().waiting();
    }
}
