package io.kafkasse.delivery;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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

import org.apache.kafka.clients.consumer.Consumer;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.source.Feeds;
import io.kafkasse.source.KafkaConsumers;
import io.kafkasse.source.TopicWindows;

/**
 * Owns every thread the service runs besides the container's request threads: the feeds' poll loops, the sender
 * loops and the heartbeat tick, started together when the application starts and stopped together when it stops.
 * Clients are served on them: drains on the senders (or, for channels whose writes block, as executor tasks), history
 * reads as executor tasks, at most {@code sse.shared.catch-up-consumers} at once.
 */
@ApplicationScoped
public class Delivery implements ClientServices {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    /** How often the topics being fed are checked for deletion: the Kafka client warns on every fetch until then. */
    private static final long TOPIC_CHECK_SECONDS = 3;

    @Inject
    ServiceConfig config;

    @Inject
    StreamExecutor executor;

    @Inject
    Feeds feeds;

    @Inject
    KafkaConsumers consumers;

    @Inject
    RecordDecoder decoder;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Set<ClientStream> streams = ConcurrentHashMap.newKeySet();
    private final ThrottledWarning refused = new ThrottledWarning(LOG);
    private CatchUpQueue catchUps;
    private Senders senders;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> topicChecks;
    private volatile boolean running;

    /** Starts the feeds, the senders and the tick as the application starts, so the first request finds them running. */
    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (running) {
            return;
        }
        catchUps = new CatchUpQueue(config.catchUpConsumers());
        senders = new Senders(config.senderThreads());
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
        running = true;
    }

    /** Ends every stream (each client is told to come back, with its id), then stops the threads. */
    @PreDestroy
    synchronized void stop() {
        running = false;
        if (ticks != null) {
            ticks.cancel(false);
            topicChecks.cancel(false);
        }
        if (!streams.isEmpty()) {
            LOG.info(() -> "Ending " + streams.size() + " open streams");
        }
        StreamProblem reason = StreamProblem.shuttingDown();
        streams.forEach(stream -> stream.shutdown(reason));
        if (senders != null) {
            senders.stop();
        }
        feeds.stop();
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (ClientStream stream : streams) {
                stream.tick(now);
            }
            startHistoryTurns(catchUps.startable());
        } catch (RuntimeException e) {
            // A tick that throws would cancel every later one: no more heartbeats for anybody.
            LOG.log(Level.SEVERE, "The heartbeat tick failed", e);
        }
    }

    /** A new client: opened once its windows are leased; the lane is where its drains run if its channel never blocks. */
    public OpenStream open(Cursor cursor, EventChannel channel, RecordFilter filter, List<String> notices, List<TopicWindows> topics) {
        if (!running) {
            throw StreamProblem.shuttingDown();
        }
        return new ClientStream(this, cursor, channel, filter, notices, topics,
                channel.neverBlocks() ? senders.assign() : null, config.heartbeatInterval().toNanos());
    }

    @Override
    public void opened(ClientStream stream) {
        streams.add(stream);
    }

    @Override
    public void closed(ClientStream stream, List<TopicWindows> leased) {
        streams.remove(stream);
        catchUps.remove(stream);
        leased.forEach(feeds::release);
    }

    /** Runs a drain whose writes may block on an executor thread; false when the executor is full. */
    @Override
    public boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** A drain the executor refused is asked for again shortly, not at the next heartbeat. */
    @Override
    public void retrySoon(ClientStream stream) {
        refused.warn(() -> "The stream executor is full: drains of clients whose writes block are retried");
        scheduler.schedule(stream::signal, 50, TimeUnit.MILLISECONDS);
    }

    @Override
    public void waitForHistory(ClientStream stream) {
        startHistoryTurns(catchUps.add(stream));
    }

    @Override
    public void leaveHistoryQueue(ClientStream stream) {
        catchUps.remove(stream);
    }

    private void startHistoryTurns(Queue<ClientStream> startable) {
        for (ClientStream stream : startable) {
            if (!execute(() -> historyTurn(stream))) {
                catchUps.notStarted(stream);
                refused.warn(() -> "The stream executor is full: clients reading history wait for a thread");
                return;
            }
        }
    }

    private void historyTurn(ClientStream stream) {
        try {
            stream.historyTurn();
        } finally {
            startHistoryTurns(catchUps.ended());
        }
    }

    /** A consumer of the stream's own, at its cursor, for the history before the windows. */
    @Override
    public HistoryTail historyTail(Cursor cursor, RecordFilter filter, EventChannel channel) {
        Consumer<byte[], byte[]> consumer = consumers.open(KafkaConsumers.Role.HISTORY);
        try {
            consumer.assign(List.copyOf(cursor.positions().keySet()));
            for (int i = 0; i < cursor.size(); i++) {
                consumer.seek(cursor.partition(i), cursor.next(i));
            }
        } catch (RuntimeException e) {
            consumers.close(consumer, KafkaConsumers.Role.HISTORY);
            throw e;
        }
        return new HistoryTail(consumer, cursor, decoder, filter, channel, config.heartbeatInterval(),
                () -> consumers.closed(KafkaConsumers.Role.HISTORY));
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
    public int maxUnsentBytes() {
        return config.maxUnsentBytes();
    }

    /** The scheduler the service's timers run on (a write timeout after an error event, a retried drain). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Clients being served. */
    public int streams() {
        return streams.size();
    }

    /** Clients waiting for a history consumer. */
    public int waitingForHistory() {
        return catchUps == null ? 0 : catchUps.waiting();
    }
}
