package io.kafkasse.fanout;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.KafkaConsumers;
import io.kafkasse.consumer.LiveStreams;
import io.kafkasse.consumer.StreamExecutor;
import io.kafkasse.consumer.StreamPump;
import io.kafkasse.consumer.TopicTail;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;

/**
 * What the shared mode's streams run on: the stream executor for their drains and catch-ups, the bounded catch-up
 * queue, a heartbeat tick for clients with nothing to read, and the bookkeeping of open streams and consumers.
 */
@ApplicationScoped
public class SharedStreams {

    private static final Logger LOG = Logger.getLogger(SharedStreams.class.getName());

    @Inject
    ServiceConfig config;

    @Inject
    StreamExecutor executor;

    @Inject
    StreamPump pump;

    @Inject
    KafkaConsumers consumers;

    @Inject
    RecordDecoder decoder;

    @Inject
    LiveStreams live;

    @Inject
    SharedFeeds feeds;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Set<SharedStream> streams = ConcurrentHashMap.newKeySet();
    private CatchUpQueue catchUps;
    private ScheduledFuture<?> ticks;
    private DrainSenders senders;

    @PostConstruct
    void init() {
        catchUps = new CatchUpQueue(config.catchUpConsumers());
    }

    /** Starts the heartbeat tick with the first stream: a tick every quarter interval keeps heartbeats near on time. */
    private synchronized void ticking() {
        if (ticks == null) {
            long period = Math.max(50, config.heartbeatInterval().toMillis() / 4);
            ticks = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (SharedStream stream : streams) {
            stream.tick(now);
        }
    }

    void opened(SharedStream stream) {
        ticking();
        streams.add(stream);
        live.opened(stream);
    }

    void closed(SharedStream stream, List<TopicFeed> leased) {
        streams.remove(stream);
        live.closed(stream);
        leased.forEach(feeds::release);
    }

    /** The sender loop a new client's drains run on, if its channel never blocks. */
    synchronized DrainSenders.Lane assignSender() {
        if (senders == null) {
            senders = new DrainSenders(config.senderThreads(), executor);
        }
        return senders.assign();
    }

    /** Runs a drain on the stream executor; false when the executor is full. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void pump(EventChannel channel, Runnable work) {
        pump.pump(channel, work);
    }

    void catchUp(SharedStream stream) {
        startCatchUps(catchUps.add(stream));
    }

    private void startCatchUps(Queue<SharedStream> startable) {
        for (SharedStream stream : startable) {
            if (!execute(() -> runCatchUp(stream))) {
                catchUps.notStarted(stream);
                LOG.warning("The stream executor is full: a client reading history waits for a thread");
            }
        }
    }

    private void runCatchUp(SharedStream stream) {
        try {
            stream.catchUpTask();
        } finally {
            startCatchUps(catchUps.ended());
        }
    }

    /** A consumer of the stream's own, at its cursor, for the history before the windows. */
    TopicTail catchUpTail(Cursor cursor, RecordFilter filter, EventChannel channel) {
        Consumer<byte[], byte[]> consumer = consumers.open("catch-up");
        try {
            consumer.assign(List.copyOf(cursor.positions().keySet()));
            for (int i = 0; i < cursor.size(); i++) {
                consumer.seek(cursor.partition(i), cursor.next(i));
            }
        } catch (RuntimeException e) {
            consumers.close(consumer);
            throw e;
        }
        return new TopicTail(consumer, cursor, decoder, filter, channel, List.of(), config.heartbeatInterval());
    }

    /** The catch-up consumer from {@link #catchUpTail} is closed. */
    void catchUpEnded() {
        consumers.closed();
    }

    long heartbeatNanos() {
        return config.heartbeatInterval().toNanos();
    }

    @PreDestroy
    synchronized void shutdownAll() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (senders != null) {
            senders.stop();
        }
        streams.forEach(SharedStream::shutdown);
    }
}
