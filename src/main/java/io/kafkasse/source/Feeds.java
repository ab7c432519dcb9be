package io.kafkasse.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilters;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.observe.UnexpectedFailures;

/**
 * The windows of every topic being read, fed by a fixed few consumers ({@code sse.shared.feed-consumers}): a topic
 * is handed to the least busy feed by its first client and taken back when its last client leaves, so Kafka
 * consumers grow with neither clients nor topics. A topic that opens pre-fills its windows from recent history, so
 * clients that come back a little while later (after a restart of theirs, or of this server) are served from memory.
 * <p>
 * The lock guards the map of topics and the lease counts only; broker calls (the topic's ends, where to pre-fill from)
 * and the wait for the feed to position the topic happen outside it.
 */
@ApplicationScoped
public class Feeds {

    private static final Logger LOG = Logger.getLogger(Feeds.class.getName());

    @Inject
    ServiceConfig config;

    @Inject
    KafkaConsumers consumers;

    @Inject
    RecordDecoder decoder;

    @Inject
    RecordFilters filters;

    @Inject
    PositionLookups lookups;

    @Inject
    TopicCatalog catalog;

    @Inject
    UnexpectedFailures failures;

    private final KafkaLogThrottle logThrottle = new KafkaLogThrottle();
    private TopicWatch watch;
    private volatile HistoryReaders history;

    /** Guarded by {@code this}, as are the leases of each topic. */
    /** The longest a stop waits for the feeds to close their consumers: a poll in progress ends at its wakeup. */
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(5);
    private final Map<String, TopicWindows> open = new HashMap<>();
    private final Map<TopicWindows, Feed> fedBy = new HashMap<>();
    private final List<Feed> feeds = new ArrayList<>();
    private Executor executor;
    private boolean stopping;

    /** Opens the feed consumers and starts their poll loops on threads of the executor. Called by the owner of threads. */
    public synchronized void start(Executor executor) {
        logThrottle.install();
        watch = new TopicWatch(this, catalog);
        this.executor = executor;
        stopping = false;
        history = new HistoryReaders(config.catchUpConsumers(), config.windowRecords(), config.windowBytes(),
                () -> consumers.open(KafkaConsumers.Role.HISTORY), () -> consumers.closed(KafkaConsumers.Role.HISTORY),
                appender());
        history.start(task -> executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failures.record("history reader", e);
                throw e;
            }
        }));
        for (int i = 0; i < config.feedConsumers(); i++) {
            startFeed();
        }
    }

    /** How polled records become window entries, the same for feeds and history readers. */
    private WindowAppender appender() {
        return new WindowAppender(decoder, filters.hasBeans(), config.maxRecordBytes());
    }

    /** Under the lock: a new feed with a consumer of its own, on a thread of the executor. */
    private void startFeed() {
        Consumer<byte[], byte[]> consumer = consumers.open(KafkaConsumers.Role.FEED);
        Feed feed = new Feed(consumer, appender());
        try {
            executor.execute(() -> {
                try {
                    feed.run();
                } catch (RuntimeException | Error e) {
                    failures.record("feed", e);
                    LOG.log(Level.SEVERE, "A feed stopped unexpectedly", e);
                    throw e;
                } finally {
                    consumers.closed(KafkaConsumers.Role.FEED);
                    ended(feed);
                }
            });
        } catch (RuntimeException e) {
            consumers.close(consumer, KafkaConsumers.Role.FEED); // never polled
            throw e;
        }
        feeds.add(feed);
    }

    /**
     * A feed's loop ended (its thread was interrupted: the server takes its tasks back when it stops). Its topics' clients
     * were told to come back; no feed is started in its place now, or a stopping server would wait for it: the next
     * topic that opens starts one ({@link #leastBusy()}).
     */
    private synchronized void ended(Feed feed) {
        feeds.remove(feed);
        fedBy.entrySet().removeIf(entry -> {
            if (entry.getValue() == feed) {
                open.remove(entry.getKey().topic(), entry.getKey());
                return true;
            }
            return false;
        });
        if (!stopping) {
            LOG.warning("A feed's loop ended while the application runs (its thread was interrupted); the next topic"
                    + " that opens starts another");
        }
    }

    /**
     * How long the feed loop that went round longest ago has not (0 with no feed): a loop waits at most a poll's
     * timeout, even when Kafka is away, so a long silence means a stuck loop.
     */
    public synchronized long longestFeedSilenceNanos() {
        long now = System.nanoTime();
        return feeds.stream().mapToLong(feed -> now - feed.lastTurnNanos()).max().orElse(0);
    }

    /** Whether the cluster answers a cheap question (its nodes) within {@code timeout}. */
    public boolean clusterAnswers(java.time.Duration timeout) {
        return catalog.clusterAnswers(timeout);
    }

    /** Stops every feed; their topics' readers are told the server is shutting down. */
    public synchronized void stop() {
        stopping = true;
        logThrottle.remove();
        if (history != null) {
            history.stop();
        }
        feeds.forEach(Feed::shutdown);
        awaitConsumersClosed();
        open.values().forEach(topic -> topic.fail(StreamProblem.shuttingDown()));
        open.clear();
        fedBy.clear();
    }

    /**
     * Ordering rule: stop() returns only once every feed has closed its consumer (or after {@link #CLOSE_WAIT}). An
     * undeploy closes the WAR's class loader right after, and a consumer closed later fails to load the classes its
     * close needs (NoClassDefFoundError on WildFly), leaving the consumer and its MBean behind. The feeds' loops do not
     * take this lock before their consumer is closed.
     */
    private void awaitConsumersClosed() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Feed feed : List.copyOf(feeds)) {
            try {
                if (!feed.awaitConsumerClosed(Math.max(0, deadline - System.nanoTime()))) {
                    LOG.warning("A feed did not close its consumer within " + CLOSE_WAIT.toMillis() + " ms of the stop");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The windows of the topic, opened for its first client; waits until the feed has positioned them. The caller
     * must {@link #release} them.
     */
    public TopicWindows acquire(String topic, List<TopicPartition> partitions) {
        TopicWindows windows;
        boolean first;
        synchronized (this) {
            windows = open.get(topic);
            first = windows == null || !windows.isServing() || windows.partitions() != partitions.size();
            if (first) {
                windows = null;
            } else {
                windows.leases++;
            }
        }
        if (first) {
            windows = openTopic(topic, partitions);
        }
        try {
            windows.awaitPositioned(config.kafkaTimeout().toMillis());
            return windows;
        } catch (RuntimeException e) {
            release(windows);
            throw e;
        }
    }

    /** Looks up where to start with no lock held, then registers the topic unless another client opened it meanwhile. */
    private TopicWindows openTopic(String topic, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = lookups.ends(partitions);
        Map<TopicPartition, Long> beginnings = lookups.beginnings(partitions);
        Map<TopicPartition, Long> startAt = new LinkedHashMap<>();
        Map<Integer, PartitionWindow> windows = new HashMap<>();
        Map<Integer, Long> endsAtOpen = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            long start = Math.max(beginnings.get(partition), end - config.prefillRecords());
            startAt.put(partition, start);
            windows.put(partition.partition(), new PartitionWindow(config.windowRecords(), config.windowBytes(), start));
            endsAtOpen.put(partition.partition(), end);
        }
        synchronized (this) {
            TopicWindows current = open.get(topic);
            if (current != null && current.isServing() && current.partitions() == partitions.size()) {
                current.leases++;
                return current;
            }
            TopicWindows opened = new TopicWindows(topic, windows, endsAtOpen);
            opened.leases = 1;
            Feed feed = leastBusy();
            open.put(topic, opened);
            fedBy.put(opened, feed);
            feed.add(opened, startAt);
            LOG.fine(() -> "Feeding topic " + topic + " from " + startAt);
            return opened;
        }
    }

    private Feed leastBusy() {
        if (stopping || executor == null) {
            throw StreamProblem.shuttingDown();
        }
        while (feeds.size() < config.feedConsumers()) {
            startFeed();
        }
        Map<Feed, Integer> load = new HashMap<>();
        feeds.forEach(feed -> load.put(feed, 0));
        fedBy.values().forEach(feed -> load.merge(feed, 1, Integer::sum));
        return feeds.stream().min((a, b) -> Integer.compare(load.get(a), load.get(b))).orElseThrow();
    }

    public synchronized void release(TopicWindows windows) {
        if (--windows.leases > 0) {
            return;
        }
        open.remove(windows.topic(), windows);
        Feed feed = fedBy.remove(windows);
        if (feed != null) {
            feed.remove(windows);
        }
    }

    /** The topic can no longer be served (deleted, or its partitions changed): its readers are told, its feed drops it. */
    public void fail(String topic, StreamProblem problem) {
        TopicWindows windows;
        Feed feed;
        synchronized (this) {
            windows = open.remove(topic);
            feed = windows == null ? null : fedBy.remove(windows);
        }
        catalog.forget(topic);
        if (windows != null) {
            LOG.warning(() -> "Topic " + topic + " can no longer be read (" + problem.getMessage() + "); its "
                    + windows.readers() + " clients are told");
            feed.fail(windows, problem);
        }
    }

    /** The shared readers of history older than the windows; null until {@link #start}. */
    public HistoryReaders history() {
        return history;
    }

    /** Asks, without blocking, whether the topics being fed still exist as they were; called by the owner of threads. */
    public void checkTopics() {
        TopicWatch current = watch;
        if (current != null) {
            current.check();
        }
    }

    /** The topics being fed now, with their partition counts. */
    public synchronized Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        open.forEach((name, windows) -> topics.put(name, windows.partitions()));
        return topics;
    }

    /** The windows of a topic being fed, for stats; null when it is not. */
    public synchronized TopicWindows windowsOf(String topic) {
        return open.get(topic);
    }

    /** Bytes the windows hold now: every topic being fed, and every history reader's. Any thread. */
    public long windowBytes() {
        List<TopicWindows> fed;
        synchronized (this) {
            fed = List.copyOf(open.values());
        }
        long bytes = history.windowBytes();
        for (TopicWindows topic : fed) {
            for (PartitionWindow window : topic.windows().values()) {
                bytes += window.bytes();
            }
        }
        return bytes;
    }

    /** Feed consumers with at least one topic: the consumers reading live records for clients. */
    public synchronized int busyFeeds() {
        return (int) feeds.stream().filter(feed -> feed.topics() > 0).count();
    }
}
