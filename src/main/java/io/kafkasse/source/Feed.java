package io.kafkasse.source;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.logging.ThrottledWarning;

/**
 * One Kafka consumer that feeds the windows of many topics: its assignment grows when a topic gains its first client
 * and shrinks when it loses its last. Every record is decoded and encoded once, appended to its partition's window,
 * and the topic's readers are told there is more. It never waits for a client and never asks the broker anything but
 * to fetch: where each partition starts was looked up before the topic was handed to it.
 * <p>
 * The consumer is touched by the poll thread only ({@link #run}); other threads hand it changes through a queue that
 * the loop applies between polls, and {@link #shutdown()} wakes it up.
 */
final class Feed {

    private static final Logger LOG = Logger.getLogger(Feed.class.getName());
    /** The longest a change (a topic to add or drop) waits for the poll in progress. */
    private static final Duration POLL = Duration.ofMillis(100);

    static {
        // A feed may close its consumer after the server closed the WAR's class loader (seen once on WildFly at an
        // undeploy: NoClassDefFoundError for CloseOptions inside KafkaConsumer.close): load what close() needs now.
        CloseOptions.timeout(Duration.ZERO);
    }
    /** How often the windows' lag is read from the consumer's fetch state (metrics; no request to Kafka). */
    private static final long LAG_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Consumer<byte[], byte[]> consumer;
    private final WindowAppender appender;
    private final BlockingQueue<Runnable> changes = new LinkedBlockingQueue<>();
    /** Counted down once the loop has closed its consumer: {@link Feeds#stop()} waits for it. */
    private final CountDownLatch consumerClosed = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ThrottledWarning transientErrors = new ThrottledWarning(LOG);
    /** Poll thread only. */
    private final Map<TopicPartition, PartitionWindow> assigned = new HashMap<>();
    private final Map<String, TopicWindows> topics = new HashMap<>();
    /** Read by other threads for stats. */
    private volatile int topicCount;
    /** When the loop last went round (nanoTime): a loop that stops going round is stuck (liveness). */
    private volatile long lastTurn = System.nanoTime();
    /** Poll thread only. */
    private long lagReadAt;

    /** @param appender builds the entries of the windows fed here */
    Feed(Consumer<byte[], byte[]> consumer, WindowAppender appender) {
        this.consumer = consumer;
        this.appender = appender;
    }

    /** Starts feeding the topic's windows from these offsets; {@link TopicWindows#positioned()} follows. */
    void add(TopicWindows topic, Map<TopicPartition, Long> startAt) {
        changes.add(() -> {
            TopicWindows previous = topics.get(topic.topic());
            if (previous != null && previous != topic) {
                // The topic was opened again with other partitions: the old windows' readers start over.
                drop(previous);
                previous.fail(new TopicChanged(topic.topic(), topic.partitions()));
            }
            topics.put(topic.topic(), topic);
            for (Map.Entry<TopicPartition, Long> start : startAt.entrySet()) {
                assigned.put(start.getKey(), topic.window(start.getKey().partition()));
            }
            consumer.assign(List.copyOf(assigned.keySet()));
            startAt.forEach(consumer::seek);
            topicCount = topics.size();
            topic.positioned();
        });
    }

    /** Stops feeding the topic (its last client left, or it failed). */
    void remove(TopicWindows topic) {
        changes.add(() -> drop(topic));
    }

    private void drop(TopicWindows topic) {
        if (topics.remove(topic.topic(), topic)) {
            assigned.values().removeAll(topic.windows().values());
            consumer.assign(List.copyOf(assigned.keySet()));
            topicCount = topics.size();
        }
    }

    int topics() {
        return topicCount;
    }

    long lastTurnNanos() {
        return lastTurn;
    }

    /** The canonical poll loop, on a thread of its own, until {@link #shutdown()}; closes the consumer. */
    void run() {
        try {
            while (!closed.get()) {
                lastTurn = System.nanoTime();
                applyChanges();
                if (assigned.isEmpty()) {
                    awaitChange();
                    continue;
                }
                append(poll());
                readLag();
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } catch (FeedInterrupted | InterruptException e) {
            Thread.currentThread().interrupt();
            LOG.fine("The feed's thread was interrupted; its loop ends");
        } finally {
            try {
                consumer.close(Duration.ZERO);
            } finally {
                consumerClosed.countDown();
                topics.values().forEach(topic -> topic.fail(StreamProblem.shuttingDown()));
            }
        }
    }

    /** Waits until the loop has closed its consumer (it ends after {@link #shutdown()}); false if not within the timeout. */
    boolean awaitConsumerClosed(long timeoutNanos) throws InterruptedException {
        return consumerClosed.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void applyChanges() {
        Runnable change;
        while ((change = changes.poll()) != null) {
            change.run();
        }
    }

    private void awaitChange() {
        try {
            Runnable change = changes.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (change != null) {
                change.run();
            }
        } catch (InterruptedException e) {
            throw new FeedInterrupted();
        }
    }

    /**
     * The thread was interrupted (the server stops its executor's tasks): the loop ends, its topics' clients are told
     * to come back, and {@link Feeds} starts another feed if the application is still running.
     */
    static final class FeedInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FeedInterrupted() {
            super("The feed's thread was interrupted", null, false, false);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        try {
            return Polls.pollOrNothing(consumer, POLL, transientErrors);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            // The consumer cannot go on with this assignment: its clients are told to reconnect, and the feed goes on
            // with none, for the topics that clients open next.
            LOG.log(Level.WARNING, "The feed consumer failed; the clients of " + topics.keySet() + " are told to reconnect", e);
            Set<TopicWindows> failed = new HashSet<>(topics.values());
            failed.forEach(topic -> {
                drop(topic);
                topic.fail(StreamProblem.kafkaUnavailable(e));
            });
            return ConsumerRecords.empty();
        }
    }

    private void append(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Set<TopicWindows> touched = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            PartitionWindow window = assigned.get(partition);
            if (window == null) {
                continue; // dropped in a change since the fetch
            }
            window.append(appender.entry(window, record));
            touched.add(topics.get(record.topic()));
        }
        touched.forEach(TopicWindows::signalReaders);
    }

    /** Records behind the end of each partition, from what the last fetch said; at most every {@link #LAG_EVERY_NANOS}. */
    private void readLag() {
        long now = System.nanoTime();
        if (now - lagReadAt < LAG_EVERY_NANOS) {
            return;
        }
        lagReadAt = now;
        assigned.forEach((partition, window) -> {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                window.lag(lag.getAsLong());
            }
        });
    }

    /** Marks the topic failed (deleted, or shrunk) and stops feeding it. Any thread. */
    void fail(TopicWindows topic, StreamProblem problem) {
        topic.fail(problem);
        remove(topic);
    }

    /** Ends the poll loop from any thread. */
    void shutdown() {
        closed.set(true);
        consumer.wakeup();
    }
}
